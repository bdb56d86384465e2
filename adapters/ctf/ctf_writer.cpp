#include "ctf_writer.hpp"

namespace sm::ctf {

void add_text(pugi::xml_node parent, const char* name, std::string_view value) {
  parent.append_child(name).text().set(value.data(), value.size());
}

pugi::xml_node write_ctf_start(pugi::xml_document& doc, const CtfWriteHeader& h) {
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("CTfile");
  auto header = root.append_child("Header");
  add_text(header, "DocumentName", "Common Transfer File");
  add_text(header, "CTFversion", "25.0");
  add_text(header, "DateTime", h.date_time);
  add_text(header, "DocumentQualifier", h.qualifier);
  add_text(header, "DataDescriptor", h.descriptor);
  add_text(header, "SupplierID", "senmap");
  auto source = header.append_child("SourceSchool");
  add_text(source, "LEA", h.la);
  add_text(source, "Estab", h.estab);
  if (!h.urn.empty()) add_text(source, "URN", h.urn);
  if (!h.school_name.empty()) add_text(source, "SchoolName", h.school_name);
  add_text(source, "AcademicYear", h.academic_year);
  auto dest = header.append_child("DestSchool");  // back to the school itself
  add_text(dest, "LEA", h.la);
  add_text(dest, "Estab", h.estab);
  return root;
}

std::string ctf_text(const pugi::xml_document& doc, std::size_t reserve) {
  struct StringWriter : pugi::xml_writer {
    std::string text;
    void write(const void* data, std::size_t size) override { text.append(static_cast<const char*>(data), size); }
  } writer;
  writer.text.reserve(reserve);
  doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.text);
}

}  // namespace sm::ctf
