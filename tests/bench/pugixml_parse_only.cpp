// The benchmark's floor: pugixml parsing the CTF with the same options senmap uses, and
// walking to every pupil, with no validation and no store. Usage: pugixml_parse_only FILE
#include <cstdio>
#include <fstream>
#include <pugixml.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary | std::ios::ate);
  auto size = static_cast<std::size_t>(in.tellg());
  in.seekg(0);
  auto* buffer = static_cast<char*>(pugi::get_memory_allocation_function()(size));
  in.read(buffer, static_cast<std::streamsize>(size));
  pugi::xml_document doc;
  auto ok =
      doc.load_buffer_inplace_own(buffer, size, pugi::parse_default | pugi::parse_doctype | pugi::parse_embed_pcdata);
  if (!ok) return 1;
  std::size_t pupils = 0;
  for (auto p : doc.child("CTfile").child("CTFpupilData").children("Pupil")) pupils += p.child("UPN") ? 1 : 0;
  std::printf("%zu pupils\n", pupils);
  return 0;
}
