// Writing a CTF: the document and its header, shared by the synthetic school generator and the
// register export so both write the same, importable shape (pugixml builds the XML).
#pragma once
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace sm::ctf {

struct CtfWriteHeader {
  std::string date_time, qualifier, descriptor;  // qualifier: full | partial
  std::string la, estab, urn, school_name, academic_year;
};

// A child element holding text.
void add_text(pugi::xml_node parent, const char* name, std::string_view value);

// The declaration, <CTfile> and its <Header> (CTF 25, SupplierID senmap, the school as source and
// destination); returns <CTfile> to add <CTFpupilData> to.
pugi::xml_node write_ctf_start(pugi::xml_document& doc, const CtfWriteHeader& header);

// The document as UTF-8 text, indented.
std::string ctf_text(const pugi::xml_document& doc, std::size_t reserve = 0);

}  // namespace sm::ctf
