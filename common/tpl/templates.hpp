#pragma once
// ctemplate, loaded and checked once at start. Every HTML template declares {{%AUTOESCAPE context="HTML"}}.
#include <ctemplate/template.h>

#include <string>

namespace portico::tpl {

// Loads every *.tpl under dir; throws std::runtime_error naming each template that fails to parse.
void init(const std::string& dir);
// Expands a loaded template (name relative to the template folder).
std::string expand(const std::string& name, const ctemplate::TemplateDictionary& dict);

}  // namespace portico::tpl
