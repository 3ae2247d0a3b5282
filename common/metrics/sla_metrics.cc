#include "common/metrics/sla_metrics.h"

#include <algorithm>
#include <exception>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "prometheus/check_names.h"

namespace cs::common {
namespace {

absl::Status CheckNames(const std::string& name, absl::string_view required_suffix,
                        const std::vector<std::string>& label_names,
                        absl::string_view reserved_label = "") {
  if (!absl::StartsWith(name, "cs_") || !absl::EndsWith(name, required_suffix) ||
      !prometheus::CheckMetricName(name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "metric name \"", name, "\" must be a valid Prometheus name of the form cs_<service>_…",
        required_suffix));
  }
  absl::flat_hash_set<std::string> seen;
  for (const std::string& label : label_names) {
    if (!prometheus::CheckLabelName(label) || label == reserved_label ||
        !seen.insert(label).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("metric ", name, ": label name \"", label, "\" is invalid or repeated"));
    }
  }
  return absl::OkStatus();
}

// The labels for `values` in the order of `names`, or nullopt when the counts differ.
absl::optional<prometheus::Labels> Zip(const std::vector<std::string>& names,
                                       const std::vector<std::string>& values) {
  if (names.size() != values.size()) return absl::nullopt;
  prometheus::Labels labels;
  for (size_t i = 0; i < names.size(); ++i) labels.emplace(names[i], values[i]);
  return labels;
}

}  // namespace

std::vector<std::vector<std::string>> LabelCombinations(
    const std::vector<std::vector<std::string>>& values_per_label) {
  std::vector<std::vector<std::string>> combinations = {{}};
  for (const std::vector<std::string>& values : values_per_label) {
    std::vector<std::vector<std::string>> extended;
    extended.reserve(combinations.size() * values.size());
    for (const std::vector<std::string>& prefix : combinations) {
      for (const std::string& value : values) {
        extended.push_back(prefix);
        extended.back().push_back(value);
      }
    }
    combinations = std::move(extended);
  }
  return combinations;
}

absl::Status InitializeCounters(prometheus::Family<prometheus::Counter>& family,
                                const std::vector<std::string>& label_names,
                                const std::vector<std::vector<std::string>>& values_per_label) {
  if (values_per_label.size() != label_names.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("counter ", family.GetName(), ": ", values_per_label.size(),
                     " lists of label values for ", label_names.size(), " label names"));
  }
  try {
    for (const std::vector<std::string>& values : LabelCombinations(values_per_label)) {
      // Add returns the existing series when there is one; a new one starts at 0.
      family.Add(*Zip(label_names, values));
    }
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("counter ", family.GetName(), ": cannot create a series: ", e.what()));
  }
  return absl::OkStatus();
}

prometheus::Histogram::BucketBoundaries WorkingSecondsBuckets() {
  const double day = absl::ToDoubleSeconds(kBucketWorkingDay);
  return {60, 300, 900, 1800, 3600, 7200, 14400, day, 2 * day, 3 * day, 4 * day, 5 * day};
}

absl::StatusOr<DeadlineCounter> DeadlineCounter::Create(prometheus::Registry& registry,
                                                        const std::string& name,
                                                        const std::string& help,
                                                        std::vector<std::string> label_names) {
  if (absl::Status status = CheckNames(name, "_total", label_names, "outcome"); !status.ok()) {
    return status;
  }
  try {
    auto& family = prometheus::BuildCounter().Name(name).Help(help).Register(registry);
    return DeadlineCounter(&family, std::move(label_names));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("cannot register ", name, ": ", e.what()));
  }
}

void DeadlineCounter::Record(bool met, const std::vector<std::string>& label_values) {
  absl::optional<prometheus::Labels> labels = Zip(label_names_, label_values);
  if (!labels.has_value()) return;
  labels->emplace("outcome", met ? "met" : "missed");
  family_->Add(*labels).Increment();
}

absl::Status DeadlineCounter::InitializeSeries(
    const std::vector<std::vector<std::string>>& values_per_label) {
  if (values_per_label.size() != label_names_.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("counter ", family_->GetName(), ": ", values_per_label.size(),
                     " lists of label values for ", label_names_.size(), " label names"));
  }
  std::vector<std::string> names = label_names_;
  names.push_back("outcome");
  std::vector<std::vector<std::string>> values = values_per_label;
  values.push_back({"met", "missed"});
  return InitializeCounters(*family_, names, values);
}

absl::StatusOr<WorkingSecondsHistogram> WorkingSecondsHistogram::Create(
    prometheus::Registry& registry, const std::string& name, const std::string& help,
    std::vector<std::string> label_names) {
  if (absl::Status status = CheckNames(name, "_seconds", label_names); !status.ok()) {
    return status;
  }
  try {
    auto& family = prometheus::BuildHistogram().Name(name).Help(help).Register(registry);
    return WorkingSecondsHistogram(&family, std::move(label_names));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("cannot register ", name, ": ", e.what()));
  }
}

void WorkingSecondsHistogram::Observe(absl::Duration working_time,
                                      const std::vector<std::string>& label_values) {
  absl::optional<prometheus::Labels> labels = Zip(label_names_, label_values);
  if (!labels.has_value()) return;
  family_->Add(*labels, WorkingSecondsBuckets())
      .Observe(std::max(0.0, absl::ToDoubleSeconds(working_time)));
}

absl::StatusOr<std::unique_ptr<GaugeSeries>> GaugeSeries::Create(
    prometheus::Registry& registry, const std::string& name, const std::string& help,
    std::vector<std::string> label_names) {
  if (absl::Status status = CheckNames(name, "", label_names); !status.ok()) return status;
  try {
    auto& family = prometheus::BuildGauge().Name(name).Help(help).Register(registry);
    return std::unique_ptr<GaugeSeries>(new GaugeSeries(&family, std::move(label_names)));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("cannot register ", name, ": ", e.what()));
  }
}

prometheus::Gauge* GaugeSeries::GaugeForLocked(const std::vector<std::string>& label_values) {
  auto it = series_.find(label_values);
  if (it != series_.end()) return it->second;
  absl::optional<prometheus::Labels> labels = Zip(label_names_, label_values);
  if (!labels.has_value()) return nullptr;
  prometheus::Gauge* gauge = &family_->Add(*labels);
  series_.emplace(label_values, gauge);
  return gauge;
}

void GaugeSeries::Set(const std::vector<std::string>& label_values, double value) {
  absl::MutexLock lock(&mutex_);
  if (prometheus::Gauge* gauge = GaugeForLocked(label_values)) gauge->Set(value);
}

void GaugeSeries::SetAll(const std::vector<std::pair<std::vector<std::string>, double>>& snapshot) {
  absl::MutexLock lock(&mutex_);
  absl::flat_hash_set<std::vector<std::string>> present;
  for (const auto& [label_values, value] : snapshot) {
    if (prometheus::Gauge* gauge = GaugeForLocked(label_values)) {
      gauge->Set(value);
      present.insert(label_values);
    }
  }
  for (auto it = series_.begin(); it != series_.end();) {
    if (present.contains(it->first)) {
      ++it;
      continue;
    }
    family_->Remove(it->second);
    series_.erase(it++);
  }
}

}  // namespace cs::common
