// What folio prints on a terminal: diagnostics (coloured when stderr is a terminal), the
// progress bar (only on a terminal), and the numbers of the summary.
#include <unistd.h>

#include <sys/ioctl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <folio/text.h>

#include "terminal.h"

namespace folio::cli {

std::string terminal_safe(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x20 && byte < 0x7F) {
      out += text[pos++];
      continue;
    }
    if (byte < 0x80 || utf8_sequence_length(text, pos) == 0) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
      ++pos;
      continue;
    }
    std::size_t next = pos;
    const char32_t cp = next_code_point(text, next);
    const bool hidden = (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
                        cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                        (cp >= 0x2066 && cp <= 0x2069);
    if (hidden) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(cp));
      out += escaped;
    } else {
      out.append(text, pos, next - pos);
    }
    pos = next;
  }
  return out;
}

std::string group_digits(unsigned long long n) {
  std::string digits = std::to_string(n);
  std::string out;
  const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, first);
  for (std::size_t i = first; i < digits.size(); i += 3) {
    out += ',';
    out.append(digits, i, 3);
  }
  return out;
}

std::string format_bytes(unsigned long long bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  static const char* const units[] = {"kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1000.0;
  int unit = 0;
  while (value >= 999.95 && unit < 3) {
    value /= 1000.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, value < 99.95 ? "%.1f %s" : "%.0f %s", value, units[unit]);
  return text;
}

std::string format_seconds(double seconds) {
  char text[48];
  if (seconds < 10) {
    std::snprintf(text, sizeof text, "%.2f s", seconds);
  } else if (seconds < 60) {
    std::snprintf(text, sizeof text, "%.1f s", seconds);
  } else {
    const long total = static_cast<long>(seconds + 0.5);
    std::snprintf(text, sizeof text, "%ld min %ld s", total / 60, total % 60);
  }
  return text;
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    char32_t cp = c;
    int length = 1;
    if (c >= 0xF0) {
      length = 4;
      cp = c & 0x07;
    } else if (c >= 0xE0) {
      length = 3;
      cp = c & 0x0F;
    } else if (c >= 0xC0) {
      length = 2;
      cp = c & 0x1F;
    }
    for (int k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x300 && cp < 0x370)) continue;
    // East Asian Wide and Fullwidth ranges (the common ones).
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                      (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

namespace {

std::string clock(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

}  // namespace

std::string progress_line(const std::string& label, std::size_t done, std::size_t total,
                          unsigned long long bytes, double elapsed_seconds, int width,
                          bool unicode) {
  done = std::min(done, total);
  const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
  std::string right;
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%%", percent);
  right += pct;
  right += "  " + group_digits(done) + "/" + group_digits(total);
  if (bytes > 0) right += "  " + format_bytes(bytes);
  // An estimate only once there is something to estimate from.
  if (done > 0 && done < total && elapsed_seconds >= 1.0) {
    const double left =
        elapsed_seconds * static_cast<double>(total - done) / static_cast<double>(done);
    right += "  " + clock(left) + " left";
  }
  const int fixed = display_width(label) + 2 + display_width(right) + 2;
  const int bar = std::clamp(width - fixed, 0, 40);
  std::string line = label + "  ";
  if (bar >= 8) {
    const double fraction =
        total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    if (unicode) {
      // Eighths of a cell, so the bar moves smoothly even when it is narrow.
      static const char* const partial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
      const int eighths = static_cast<int>(fraction * bar * 8);
      int drawn = 0;
      for (; drawn < eighths / 8; ++drawn) line += "█";
      if (drawn < bar && eighths % 8) {
        line += partial[eighths % 8];
        ++drawn;
      }
      for (; drawn < bar; ++drawn) line += "░";
    } else {
      const int inner = bar - 2;
      const int full = std::min(inner, static_cast<int>(fraction * inner));
      line += '[';
      line.append(static_cast<std::size_t>(full), '#');
      line.append(static_cast<std::size_t>(inner - full), '-');
      line += ']';
    }
    line += "  ";
  }
  line += right;
  return line;
}

// ---- the terminal ----------------------------------------------------------------------------

namespace {

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string text(value);
    return text.find("UTF-8") != std::string::npos || text.find("utf8") != std::string::npos ||
           text.find("utf-8") != std::string::npos || text.find("UTF8") != std::string::npos;
  }
  return false;
}

}  // namespace

Terminal::Terminal(Verbosity verbosity) : verbosity_(verbosity) {
  const char* term = std::getenv("TERM");
  const bool dumb = term == nullptr || std::string(term) == "dumb";
  tty_ = isatty(STDERR_FILENO) == 1 && !dumb;
  color_ = tty_ && !env_set("NO_COLOR");
  unicode_ = utf8_locale();
  start_ = std::chrono::steady_clock::now();
}

int Terminal::width() const {
  struct winsize size {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const int n = std::atoi(columns);
    if (n > 0) return n;
  }
  return 80;
}

double Terminal::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Terminal::progress(const std::string& label, std::size_t done, std::size_t total,
                        unsigned long long bytes, bool force, bool estimate) {
  if (!tty_ || verbosity_ == Verbosity::quiet) return;
  const auto now = std::chrono::steady_clock::now();
  // Ten redraws a second at most: a terminal that redraws for every file slows the build.
  if (!force && shown_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  if (label != phase_) {
    phase_ = label;
    phase_start_ = now;
  }
  // progress_line estimates nothing from an elapsed time of 0.
  const double phase_elapsed =
      estimate ? std::chrono::duration<double>(now - phase_start_).count() : 0.0;
  const std::string line =
      progress_line(label, done, total, bytes, phase_elapsed, width() - 1, unicode_);
  std::cerr << "\r\x1b[K" << (color_ ? "\x1b[2m" : "") << line << (color_ ? "\x1b[0m" : "")
            << std::flush;
  shown_ = true;
}

void Terminal::clear_progress() {
  if (!shown_) return;
  std::cerr << "\r\x1b[K" << std::flush;
  shown_ = false;
}

void Terminal::diagnostic(const Diagnostic& d) {
  if (verbosity_ == Verbosity::quiet && d.severity != Severity::error) return;
  if (verbosity_ != Verbosity::verbose && d.severity == Severity::note) return;
  clear_progress();
  if (!color_) {
    std::cerr << terminal_safe(format_diagnostic(d)) << '\n';
    return;
  }
  const char* tint = d.severity == Severity::error     ? "\x1b[31m"
                     : d.severity == Severity::warning ? "\x1b[33m"
                                                       : "\x1b[36m";
  std::cerr << "\x1b[1m" << terminal_safe(d.source) << ':' << d.line << ':' << d.column
            << ":\x1b[0m " << tint << d.code << "\x1b[0m: " << terminal_safe(d.message) << '\n';
}

void Terminal::line(const std::string& text, Verbosity at_least) {
  if (static_cast<int>(verbosity_) < static_cast<int>(at_least)) return;
  clear_progress();
  std::cerr << text << '\n';
}

std::string Terminal::bold(const std::string& text) const {
  return color_ ? "\x1b[1m" + text + "\x1b[0m" : text;
}

std::string Terminal::dim(const std::string& text) const {
  return color_ ? "\x1b[2m" + text + "\x1b[0m" : text;
}

}  // namespace folio::cli
