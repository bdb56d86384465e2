// One <Pupil> element of a CTF into a PupilRecord, checking every rule senmap relies on.
#pragma once
#include <pugixml.hpp>

#include "ctf/ctf_document.hpp"
#include "ctf/ctf_reader.hpp"
#include "model/pupil_record.hpp"

namespace sm::ctf {

// Reads `pupil`; every rule broken is added to `problems` (the record is then unusable).
model::PupilRecord read_pupil(pugi::xml_node pupil, const CtfHeader& header, ProblemList& problems);

}  // namespace sm::ctf
