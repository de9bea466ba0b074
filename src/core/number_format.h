// The one way money and counts are written for people (the command line's
// tables, the report, the certificate): digits grouped in threes with commas,
// a minus sign before the currency symbol. Pure; never throws.
#pragma once

#include <string>
#include <string_view>

namespace valuemark {

// GroupedNumber(-1234.5, "£", 2) == "-£1,234.50"; a value that is not finite
// (which no valid map produces) reads "not a finite number".
std::string GroupedNumber(double v, std::string_view prefix = "", int decimals = 0);

// What goes before an amount in `currency` (ISO 4217): "£" for GBP, "€",
// "$" for USD, else the code and a space ("CHF ").
std::string CurrencySymbol(std::string_view currency);

}  // namespace valuemark
