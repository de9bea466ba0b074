#include "formats/audit_checkpoint_json.h"

#include "core/calendar.h"
#include "formats/json_reader.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"

namespace valuemark::formats {
namespace {

constexpr Range kSeqRange{0, 9007199254740992.0, true, true};

}  // namespace

std::string RosterHeadsJson(const std::vector<ChainHead>& heads) {
  JsonWriter w(0);
  w.BeginObject().Key("chains").BeginArray();
  for (const ChainHead& h : heads)
    w.BeginObject().Field("chain", h.chain).Field("hash", h.hash).Field("seq", h.seq).EndObject();
  w.EndArray().EndObject();
  return w.Take();
}

Result<std::vector<ChainHead>> ParseRosterHeads(std::string_view text) {
  simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  std::vector<ChainHead> heads;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    r.Array("chains", true, [&](const JsonValue& element, const std::string& path) {
      ObjectReader h(element, path, errors);
      if (!h.ok()) return;
      ChainHead head;
      head.chain = h.String("chain", true).value_or("");
      head.hash = h.String("hash", true).value_or("");
      head.seq = static_cast<int64_t>(h.Number("seq", kSeqRange, true).value_or(0));
      h.RejectUnknownFields();
      heads.push_back(std::move(head));
    });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return heads;
}

std::string CheckpointsJson(const std::vector<SignedCheckpoint>& checkpoints) {
  JsonWriter w(2);
  w.BeginObject().Key("checkpoints").BeginArray();
  for (const SignedCheckpoint& c : checkpoints)
    w.BeginObject()
        .Field("at", FormatTime(c.at))
        .Field("chain", c.chain)
        .Field("hash", c.hash)
        .Field("heads", c.heads)
        .Field("key_id", c.key_id)
        .Field("seq", c.seq)
        .Field("signature", c.signature)
        .EndObject();
  w.EndArray().EndObject();
  return w.Take() + "\n";
}

Result<std::vector<SignedCheckpoint>> ParseCheckpoints(std::string_view text) {
  simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  std::vector<SignedCheckpoint> out;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    r.Array("checkpoints", true, [&](const JsonValue& element, const std::string& path) {
      ObjectReader c(element, path, errors);
      if (!c.ok()) return;
      SignedCheckpoint cp;
      if (auto at = c.String("at", true)) {
        auto t = ParseTimestamp(*at);
        if (t) {
          cp.at = *t;
        } else {
          c.Report(Child(path, "at"), t.error().message);
        }
      }
      cp.chain = c.String("chain", true).value_or("");
      cp.hash = c.String("hash", true).value_or("");
      cp.heads = c.String("heads", true).value_or("");
      cp.key_id = c.String("key_id", true).value_or("");
      cp.seq = static_cast<int64_t>(c.Number("seq", kSeqRange, true).value_or(0));
      cp.signature = c.String("signature", true).value_or("");
      c.RejectUnknownFields();
      out.push_back(std::move(cp));
    });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return out;
}

}  // namespace valuemark::formats
