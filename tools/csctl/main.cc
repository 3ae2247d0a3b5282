// csctl: the operator's command line of the suite (csctl --help; README "csctl"). Everything but
// handing over the process's arguments, environment and streams is in csctl.cc.
#include <iostream>
#include <string>
#include <vector>

#include "tools/csctl/csctl.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return cs::tools::csctl::RunCsctl(args, cs::tools::csctl::ProcessEnvironment(), std::cout,
                                    std::cerr);
}
