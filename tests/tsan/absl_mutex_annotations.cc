// ThreadSanitizer builds only. Debian's Abseil is built without TSan, so absl::Mutex's hand-over of
// memory between threads (atomics and futexes inside libabsl_synchronization) is invisible to TSan,
// which then reports a race on every field guarded by an absl::Mutex (seen: a value written before
// Unlock and read after Await in another thread was reported). This file, linked only into the TSan
// test binaries, interposes the Mutex and CondVar entry points: each calls the real function in
// libabsl_synchronization (found with dlsym(RTLD_NEXT)) between TSan's public custom-mutex
// annotations (sanitizer/tsan_interface.h), so TSan sees every lock and unlock. Waiting calls
// (Await, CondVar::Wait) release the mutex inside; they are annotated as an unlock before and a
// lock after, which is what a caller observes. Await and LockWhen also evaluate the caller's
// Condition inside the library, on the waiting thread, holding the mutex that TSan then believes
// released: memory accesses during those calls are ignored (the condition only reads state the
// mutex guards).
#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/base/options.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"

#define CS_STRINGIFY_INNER(x) #x
#define CS_STRINGIFY(x) CS_STRINGIFY_INNER(x)

namespace {

// The mangled name of absl::<inline namespace>::<suffix>, e.g. "5Mutex4LockEv"; of a const member
// function when `const_member`.
std::string AbslSymbol(const char* suffix, bool const_member) {
  const std::string ns = CS_STRINGIFY(ABSL_OPTION_INLINE_NAMESPACE_NAME);
  return std::string(const_member ? "_ZNK4absl" : "_ZN4absl") + std::to_string(ns.size()) + ns +
         suffix;
}

template <typename Fn>
Fn Real(const char* suffix, bool const_member = false) {
  const std::string name = AbslSymbol(suffix, const_member);
  void* address = dlsym(RTLD_NEXT, name.c_str());
  if (address == nullptr) {
    std::fprintf(stderr, "absl_mutex_annotations: %s not found\n", name.c_str());
    std::abort();
  }
  return reinterpret_cast<Fn>(address);
}

// The library's entry points call each other (AwaitWithTimeout calls AwaitWithDeadline, through
// the same interposed symbols): only the outermost call on a thread is annotated.
thread_local int depth = 0;
class Outermost {
 public:
  Outermost() : outer_(depth++ == 0) {}
  ~Outermost() { --depth; }
  explicit operator bool() const { return outer_; }

 private:
  const bool outer_;
};

// TSan's runtime implements the classic dynamic annotations.
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
extern "C" void AnnotateIgnoreWritesBegin(const char* file, int line);
extern "C" void AnnotateIgnoreWritesEnd(const char* file, int line);

void IgnoreAccessesBegin() {
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
}

void IgnoreAccessesEnd() {
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
}

void Acquired(void* mu, unsigned flags = 0) {
  __tsan_mutex_pre_lock(mu, flags);
  __tsan_mutex_post_lock(mu, flags, 0);
}

void Released(void* mu, unsigned flags = 0) {
  __tsan_mutex_pre_unlock(mu, flags);
  __tsan_mutex_post_unlock(mu, flags);
}

// Abseil's deadlock detector (on in Debian's build) keeps its lock graph under an internal spin
// lock TSan cannot see either, so every graph update in two threads looked like a race (seen in
// commit_queue_test). The detector adds nothing to a TSan run: it is switched off before main.
const bool deadlock_detection_off = [] {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return true;
}();

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN

Mutex::~Mutex() {
  const Outermost outer;
  static const auto real = Real<void (*)(Mutex*)>("5MutexD2Ev");
  if (outer) __tsan_mutex_destroy(this, 0);
  real(this);
}

void Mutex::Lock() {
  const Outermost outer;
  static const auto real = Real<void (*)(Mutex*)>("5Mutex4LockEv");
  if (outer) __tsan_mutex_pre_lock(this, 0);
  real(this);
  if (outer) __tsan_mutex_post_lock(this, 0, 0);
}

void Mutex::ReaderLock() {
  const Outermost outer;
  static const auto real = Real<void (*)(Mutex*)>("5Mutex10ReaderLockEv");
  if (outer) __tsan_mutex_pre_lock(this, __tsan_mutex_read_lock);
  real(this);
  if (outer) __tsan_mutex_post_lock(this, __tsan_mutex_read_lock, 0);
}

bool Mutex::TryLock() {
  const Outermost outer;
  static const auto real = Real<bool (*)(Mutex*)>("5Mutex7TryLockEv");
  if (outer) __tsan_mutex_pre_lock(this, __tsan_mutex_try_lock);
  const bool locked = real(this);
  if (outer)
    __tsan_mutex_post_lock(this,
                           __tsan_mutex_try_lock | (locked ? 0 : __tsan_mutex_try_lock_failed), 0);
  return locked;
}

bool Mutex::ReaderTryLock() {
  const Outermost outer;
  static const auto real = Real<bool (*)(Mutex*)>("5Mutex13ReaderTryLockEv");
  const unsigned flags = __tsan_mutex_read_lock | __tsan_mutex_try_lock;
  if (outer) __tsan_mutex_pre_lock(this, flags);
  const bool locked = real(this);
  if (outer) __tsan_mutex_post_lock(this, flags | (locked ? 0 : __tsan_mutex_try_lock_failed), 0);
  return locked;
}

void Mutex::Unlock() {
  const Outermost outer;
  static const auto real = Real<void (*)(Mutex*)>("5Mutex6UnlockEv");
  if (outer) __tsan_mutex_pre_unlock(this, 0);
  real(this);
  if (outer) __tsan_mutex_post_unlock(this, 0);
}

void Mutex::ReaderUnlock() {
  const Outermost outer;
  static const auto real = Real<void (*)(Mutex*)>("5Mutex12ReaderUnlockEv");
  if (outer) __tsan_mutex_pre_unlock(this, __tsan_mutex_read_lock);
  real(this);
  if (outer) __tsan_mutex_post_unlock(this, __tsan_mutex_read_lock);
}

void Mutex::LockWhen(const Condition& cond) {
  const Outermost outer;
  static const auto real =
      Real<void (*)(Mutex*, const Condition&)>("5Mutex8LockWhenERKNS0_9ConditionE");
  if (outer) IgnoreAccessesBegin();
  real(this, cond);
  if (outer) IgnoreAccessesEnd();
  if (outer) Acquired(this);
}

bool Mutex::LockWhenWithTimeout(const Condition& cond, absl::Duration timeout) {
  const Outermost outer;
  static const auto real = Real<bool (*)(Mutex*, const Condition&, absl::Duration)>(
      "5Mutex19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  if (outer) IgnoreAccessesBegin();
  const bool met = real(this, cond, timeout);
  if (outer) IgnoreAccessesEnd();
  if (outer) Acquired(this);
  return met;
}

bool Mutex::LockWhenWithDeadline(const Condition& cond, absl::Time deadline) {
  const Outermost outer;
  static const auto real = Real<bool (*)(Mutex*, const Condition&, absl::Time)>(
      "5Mutex20LockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  if (outer) IgnoreAccessesBegin();
  const bool met = real(this, cond, deadline);
  if (outer) IgnoreAccessesEnd();
  if (outer) Acquired(this);
  return met;
}

void Mutex::Await(const Condition& cond) {
  const Outermost outer;
  static const auto real =
      Real<void (*)(Mutex*, const Condition&)>("5Mutex5AwaitERKNS0_9ConditionE");
  if (outer) Released(this);
  if (outer) IgnoreAccessesBegin();
  real(this, cond);
  if (outer) IgnoreAccessesEnd();
  if (outer) Acquired(this);
}

bool Mutex::AwaitWithTimeout(const Condition& cond, absl::Duration timeout) {
  const Outermost outer;
  static const auto real = Real<bool (*)(Mutex*, const Condition&, absl::Duration)>(
      "5Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  if (outer) Released(this);
  if (outer) IgnoreAccessesBegin();
  const bool met = real(this, cond, timeout);
  if (outer) IgnoreAccessesEnd();
  if (outer) Acquired(this);
  return met;
}

bool Mutex::AwaitWithDeadline(const Condition& cond, absl::Time deadline) {
  const Outermost outer;
  static const auto real = Real<bool (*)(Mutex*, const Condition&, absl::Time)>(
      "5Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  if (outer) Released(this);
  if (outer) IgnoreAccessesBegin();
  const bool met = real(this, cond, deadline);
  if (outer) IgnoreAccessesEnd();
  if (outer) Acquired(this);
  return met;
}

void CondVar::Wait(Mutex* mu) {
  const Outermost outer;
  static const auto real = Real<void (*)(CondVar*, Mutex*)>("7CondVar4WaitEPNS0_5MutexE");
  if (outer) Released(mu);
  real(this, mu);
  if (outer) Acquired(mu);
}

bool CondVar::WaitWithTimeout(Mutex* mu, absl::Duration timeout) {
  const Outermost outer;
  static const auto real = Real<bool (*)(CondVar*, Mutex*, absl::Duration)>(
      "7CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE");
  if (outer) Released(mu);
  const bool timed_out = real(this, mu, timeout);
  if (outer) Acquired(mu);
  return timed_out;
}

bool CondVar::WaitWithDeadline(Mutex* mu, absl::Time deadline) {
  const Outermost outer;
  static const auto real = Real<bool (*)(CondVar*, Mutex*, absl::Time)>(
      "7CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE");
  if (outer) Released(mu);
  const bool timed_out = real(this, mu, deadline);
  if (outer) Acquired(mu);
  return timed_out;
}

// Notification hands memory over through an atomic flag inside the library (a waiter that finds it
// set never takes the mutex): Notify releases on the flag's address and a wait that returns
// notified acquires it. (HasBeenNotified is inline and cannot be annotated: the suite does not use
// it to hand data over.) In this Abseil version the flag follows the mutex
// (notification.h: `Mutex mutex_; std::atomic<bool> notified_yet_;`).
namespace {
const void* FlagOf(const Notification* notification) {
  return reinterpret_cast<const char*>(notification) + sizeof(Mutex);
}
}  // namespace

void Notification::Notify() {
  const Outermost outer;
  static const auto real = Real<void (*)(Notification*)>("12Notification6NotifyEv");
  if (outer) __tsan_release(const_cast<void*>(FlagOf(this)));
  real(this);
}

void Notification::WaitForNotification() const {
  const Outermost outer;
  static const auto real =
      Real<void (*)(const Notification*)>("12Notification19WaitForNotificationEv", true);
  real(this);
  if (outer) __tsan_acquire(const_cast<void*>(FlagOf(this)));
}

bool Notification::WaitForNotificationWithTimeout(absl::Duration timeout) const {
  const Outermost outer;
  static const auto real = Real<bool (*)(const Notification*, absl::Duration)>(
      "12Notification30WaitForNotificationWithTimeoutENS0_8DurationE", true);
  const bool notified = real(this, timeout);
  if (outer && notified) __tsan_acquire(const_cast<void*>(FlagOf(this)));
  return notified;
}

bool Notification::WaitForNotificationWithDeadline(absl::Time deadline) const {
  const Outermost outer;
  static const auto real = Real<bool (*)(const Notification*, absl::Time)>(
      "12Notification31WaitForNotificationWithDeadlineENS0_4TimeE", true);
  const bool notified = real(this, deadline);
  if (outer && notified) __tsan_acquire(const_cast<void*>(FlagOf(this)));
  return notified;
}

ABSL_NAMESPACE_END
}  // namespace absl
