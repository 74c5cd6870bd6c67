// The invariants checked after a simulation has healed (sync-protocol.md §2.12, issue 3's
// "Done means"). Each returns plain sentences, one per violation; empty means it holds.
//
// Convergence is defined on data columns: every synced table but audit_log (never pulled),
// compared as sorted rows of (id, every data column) with hlc and origin left out. The rows a
// kiosk must hold are those the server has put in its scope's pull feed: every (table, pk) of
// change_log with scope "district" or the kiosk's center; the kiosk must hold exactly those,
// with the server's values. hlc/origin are left out because they are bookkeeping, not data:
// the server keeps field clocks for people (field_clock) and a row stamp that is the newest of
// them, while a kiosk keeps the stamp of its own last write or of the last change it pulled;
// and a stamp the server clamped (a kiosk years ahead) is the server's own.
#pragma once

#include <string>
#include <vector>

#include "sim/sim_world.h"

namespace raida::sim {

// Each kiosk's in-scope data equals the server's; outboxes and frozen batches are empty.
std::vector<std::string> CheckConvergence(World& world);
// Every change the server acknowledged is still reflected on the server (or was superseded by
// a newer write, or refused, erased or redirected); no batch was applied twice; applied_batch
// holds exactly the acknowledged batches.
std::vector<std::string> CheckAcknowledged(World& world);
// Seats, erasure, merges and monotonic learning progress.
std::vector<std::string> CheckDomain(World& world);

}  // namespace raida::sim
