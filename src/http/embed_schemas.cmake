# Writes OUTPUT, a C++ file holding the OpenAPI schema files given in FILES
# (a ;-list) as string literals, so that the server carries the document it
# serves and no file needs to be found at run time. Called by CMakeLists.txt
# whenever one of the files changes.
set(body "// Generated from src/http/schemas/*.json by embed_schemas.cmake: edit those files.\n")
string(APPEND body "#include \"http/openapi_schemas.h\"\n\nnamespace valuemark::http {\n\n")
string(APPEND body "const std::vector<SchemaFile>& OpenApiSchemaFiles() {\n")
string(APPEND body "  static const std::vector<SchemaFile> files = {\n")
foreach(file IN LISTS FILES)
  get_filename_component(name "${file}" NAME_WE)
  file(READ "${file}" text)
  string(FIND "${text}" ")vmschema\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the literal's delimiter )vmschema\"")
  endif()
  string(APPEND body "      {\"${name}\", R\"vmschema(${text})vmschema\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n\n}  // namespace valuemark::http\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
