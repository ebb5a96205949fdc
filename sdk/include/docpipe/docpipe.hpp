#pragma once
// The docpipe SDK: everything a plugin author includes.
//
//   #include <docpipe/docpipe.hpp>
//
//   class Noop final : public docpipe::Stage {
//   public:
//       static docpipe::StageInfo info() { return {.name = "noop", .version = "1.0.0"}; }
//       void process(docpipe::Document&) override {}
//   };
//
//   DOCPIPE_PLUGIN("noop_plugin", "1.0.0", registrar) { registrar.add<Noop>(); }

#include "docpipe/document.hpp"
#include "docpipe/log.hpp"
#include "docpipe/params.hpp"
#include "docpipe/plugin.hpp"
#include "docpipe/stage.hpp"
#include "docpipe/text.hpp"
#include "docpipe/utf8.hpp"
#include "docpipe/value.hpp"
#include "docpipe/version.hpp"
#include "docpipe/workspace_pool.hpp"
