// The last serial number this process knows to be committed, per unit ("overall") and per unit and
// month ("YYYY-MM") — SPEC I3. The MySQL store numbers a batch of new tickets from it and writes
// them in one statement; the tickets' unique keys (unit, overall serial) and (unit, month, month
// serial) are the referee: a serial another process committed meanwhile makes the statement fail,
// and the store forgets what it knew and reads the last serials again. Serials stay gap-free
// because a batch is numbered from the last COMMITTED serial, and only after its statement
// committed does the book move on — which is why the store runs one committer at a time.
// Thread-safe.
#ifndef CS_SERVICES_INTAKE_STORE_SERIAL_BOOK_H_
#define CS_SERVICES_INTAKE_STORE_SERIAL_BOOK_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/optional.h"

namespace cs::intake {

class SerialBook final {
 public:
  // (unit_id, scope); scope is "overall" or a month "YYYY-MM".
  using Key = std::pair<std::string, std::string>;

  absl::optional<int64_t> LastCommitted(const Key& key) const {
    absl::MutexLock lock(&mutex_);
    auto it = last_.find(key);
    if (it == last_.end()) return absl::nullopt;
    return it->second;
  }

  void Committed(const Key& key, int64_t last) {
    absl::MutexLock lock(&mutex_);
    last_[key] = last;
  }

  void Forget(const Key& key) {
    absl::MutexLock lock(&mutex_);
    last_.erase(key);
  }

 private:
  mutable absl::Mutex mutex_;
  std::map<Key, int64_t> last_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_STORE_SERIAL_BOOK_H_
