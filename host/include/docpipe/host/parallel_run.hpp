#pragma once
// `docpipe run --jobs N`: the stages before the pipeline's first sink run on N worker threads,
// each document on one of them; the sinks, and every stage after the first, see the documents
// in input order, one at a time, on one instance (whichever worker finished the next document
// in order runs them: a reorder buffer). The reader, on the calling thread, stops reading
// while max_in_flight documents are read and not yet through the sinks, which bounds memory.
//
// Everything a run shows depends on input order only, not on timing: outputs, warnings of
// skipped documents, and the error that ends a run (the first failing document in input
// order; documents before it still complete, later ones are dropped unprocessed).

#include <string>
#include <unordered_set>

#include "docpipe/host/executor.hpp"

namespace docpipe::host {

/// Runs the documents of `next` on options.jobs worker threads (see above). `executor` serves
/// the first worker and the ordered stages; the other workers get Executor::make_worker().
RunSummary run_documents_in_parallel(Executor& executor, const NextDocument& next, const Warn& warn,
                                     const RunOptions& options);

/// The cores this process may run on (its CPU affinity, which taskset and container CPU sets
/// narrow), at least 1: the default of `--jobs`.
unsigned usable_cores() noexcept;

/// Counts one document more in `progress` (if any).
void count_done(RunProgress* progress, bool completed) noexcept;

/// True when input error `e` (from the reader) skips the document rather than ending the run.
bool skips_bad_input(const Executor& executor, const Error& e);

/// Warns when `doc` has an id seen before in the run.
void warn_on_repeated_id(const Document& doc, std::unordered_set<std::string>& seen_ids,
                         const Warn& warn);

}  // namespace docpipe::host
