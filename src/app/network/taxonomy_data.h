// The directory's taxonomy (data/network/taxonomy.json), built into the
// binary so that the server needs no data files.
#pragma once

namespace valuemark::app {

const char* DirectoryTaxonomyJson();

}  // namespace valuemark::app
