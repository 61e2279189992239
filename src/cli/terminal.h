// The terminal folio reports to: stderr, with a progress bar and colours only when it is a
// terminal (README "The command-line tool": quiet otherwise, --quiet, --verbose).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "cli.h"

namespace folio::cli {

enum class Verbosity { quiet = 0, normal = 1, verbose = 2 };

class Terminal {
 public:
  explicit Terminal(Verbosity verbosity);

  Verbosity verbosity() const { return verbosity_; }
  bool is_tty() const { return tty_; }
  double elapsed() const;  // seconds since the Terminal was made

  // Redraws the bar (at most ten times a second unless `force`); nothing when stderr is not a
  // terminal or with --quiet. `estimate`: show the time left (only for items of like size).
  void progress(const std::string& label, std::size_t done, std::size_t total,
                unsigned long long bytes, bool force = false, bool estimate = true);
  void clear_progress();

  // `file:line:col: code: message`. Errors always; warnings unless --quiet; notes (drafts,
  // list pages, duplicates left out) with --verbose only, since the summary counts them.
  void diagnostic(const Diagnostic& d);
  // A line of text when the verbosity is at least `at_least`.
  void line(const std::string& text, Verbosity at_least = Verbosity::normal);

  std::string bold(const std::string& text) const;
  std::string dim(const std::string& text) const;

 private:
  int width() const;

  Verbosity verbosity_;
  bool tty_ = false;
  bool color_ = false;
  bool unicode_ = false;
  bool shown_ = false;
  std::string phase_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point phase_start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace folio::cli
