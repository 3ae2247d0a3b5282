// The subcommands of csctl, declared once: each is a (group, verb) pair bound to one RPC that a
// person calls, the service that serves it, which request fields its positional arguments fill,
// and how its answer reads best as a table. Every command runs through the one generic call path
// (generic_call.h) with the request built by reflection (request_fields.h), so adding a command is
// adding a row here. RPCs only another service calls (role SERVICE alone: ReportTicketOutcome,
// ReceiveForwardedTicket, PullDeliveries, AckDelivery, ArchiveRecord) have no command.
// Plain constant data: thread-safe.
#ifndef CS_TOOLS_CSCTL_COMMAND_TABLE_H_
#define CS_TOOLS_CSCTL_COMMAND_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cs::tools::csctl {

// Which address a command is sent to: one of the six services of the suite. kChosen: the service
// the --service flag names (CalendarAdmin and OutboxAdmin are served by several).
enum class Target {
  kIntake,
  kRouting,
  kHotlineRegistry,
  kChannelRegistry,
  kAssessment,
  kArchive,
  kChosen,
};

struct CommandSpec {
  std::string group;
  // Empty for the group's default command ("csctl scorecard <unit> <month>").
  std::string verb;
  Target target = Target::kIntake;
  // "package.Service/Method"; the request and response types come from its descriptor.
  std::string method;
  // Request field paths the positional arguments fill, in order ("ticket_id").
  std::vector<std::string> positionals;
  // For --output table: set for a list answer, the columns (paths inside one row), in order;
  // --columns overrides them. Empty: the answer is one resource, shown as key-value lines.
  std::vector<std::string> columns;
  // For --output table: a response field holding text made for printing (a form, a CSV), written
  // out as it is instead of as a key-value view. Empty: none.
  std::string raw_text_field;
  // One line of help.
  std::string summary;
};

// The service names of the suite, as in the README and the --<service> address flags.
absl::string_view TargetName(Target target);
// The default address of a service ("localhost:50051" …, README "Architecture").
absl::string_view DefaultAddress(Target target);
// The six services (not kChosen), in port order.
const std::vector<Target>& AllServices();

// Every command, grouped, in the order help lists them.
const std::vector<CommandSpec>& Commands();

// The command (group, verb); null when there is none. An empty verb finds the group's default.
const CommandSpec* FindCommand(absl::string_view group, absl::string_view verb);

// Whether any command belongs to `group` (or it is one of the built-in groups: health, calendar).
bool IsGroup(absl::string_view group);

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_COMMAND_TABLE_H_
