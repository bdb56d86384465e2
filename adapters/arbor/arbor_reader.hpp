// The Arbor read adapter: one school's students with their UPN assignments, SEN status
// assignments and ranked SEN needs as pupil records (keyed by the Arbor student id, UPN from
// UkDfe_UpnAssignment), and its staff, classes and memberships as roster records. With a held
// cursor per resource and a delta request, only what each changelog names is read again.
#pragma once
#include "arbor/arbor_api.hpp"
#include "live/https_client.hpp"
#include "live/live_read.hpp"

namespace sm::arbor {

// Never throws for what Arbor answers: refusals, failures and transport errors become problems
// (which refuse the source as a whole) naming the user and the service, never the password.
live::LiveRead read_arbor(live::Fetcher& fetcher, const ArborSettings& settings, const live::ReadRequest& request);

}  // namespace sm::arbor
