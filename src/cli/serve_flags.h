// The `serve` sub-command's flags (docs/cli.md), declared into ServeOptions:
// where to listen and what to serve, mail, survey limits, the quotas per
// organisation and the rate limits (docs/operations.md "Limits and quotas").
#pragma once

#include <CLI/CLI.hpp>

#include "cli/platform_commands.h"

namespace valuemark::cli {

// Adds `serve` to `app`; the parsed flags land in `options`, which must
// outlive the parse.
CLI::App* AddServeCommand(CLI::App& app, ServeOptions& options);

}  // namespace valuemark::cli
