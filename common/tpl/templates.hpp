#pragma once
// ctemplate, loaded and checked at start and again on reload (SIGHUP). Every HTML template declares
// {{%AUTOESCAPE context="HTML"}}.
#include <ctemplate/template.h>

#include <string>
#include <vector>

#include "tpl/template_check.hpp"

namespace portico::tpl {

// Loads every *.tpl under dir; throws std::runtime_error naming each template that fails to parse
// (file and line).
void init(const std::string& dir);
// Loads every template of the folder init() was given into a fresh cache and, only when all of them
// parse, swaps it in: requests already expanding finish with the old one. Returns what does not parse
// (nothing swapped then); empty when the new templates serve.
std::vector<Problem> reload();
// Expands a loaded template (name relative to the template folder).
std::string expand(const std::string& name, const ctemplate::TemplateDictionary& dict);

}  // namespace portico::tpl
