//! The waiter scenario on a paused clock: every wait ends Done, and the poll counter sees
//! exactly the polls the sandbox's hints allow.

use std::time::Duration;

use c2a_bench::waits::{self, PollCounter, Transport, WaitConfig};
use tracing_subscriber::layer::SubscriberExt;

#[tokio::test(start_paused = true)]
async fn polls_are_counted_per_wait_and_match_the_minimum() {
    let counter = PollCounter::default();
    let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(counter.clone()));
    let config = WaitConfig {
        waits: 40,
        processing_time: Duration::from_millis(2_500),
        submit_concurrency: 4,
        sample_open_files: false,
        ..WaitConfig::default()
    };
    let run = waits::run(&config).await;
    assert_eq!((run.done, run.failed), (40, 0), "{:?}", run.failure_samples);
    let tally = counter.tally();
    assert_eq!(tally.waits, 40);
    assert_eq!(tally.first_processing, 40, "every first poll comes before the processing time");
    assert_eq!((tally.polls, tally.minimum, tally.extra()), (80, 80, 0));
    assert_eq!(tally.max_polls_per_wait, 2);
}

/// The same with each client setting the benchmark compares: all Done, exactly the minimum.
#[tokio::test(start_paused = true)]
async fn every_transport_ends_done_with_the_minimum_polls() {
    for transport in [Transport::Bounded(3), Transport::Http2, Transport::Http2Bounded(3)] {
        assert_eq!(Transport::parse(&transport.arg()), Some(transport));
        let counter = PollCounter::default();
        let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(counter.clone()));
        let config = WaitConfig {
            waits: 20,
            processing_time: Duration::from_millis(2_500),
            submit_concurrency: 4,
            sample_open_files: false,
            transport,
            ..WaitConfig::default()
        };
        let run = waits::run(&config).await;
        assert_eq!((run.done, run.failed), (20, 0), "{transport:?}: {:?}", run.failure_samples);
        let tally = counter.tally();
        assert_eq!((tally.polls, tally.minimum), (40, 40), "{transport:?}");
    }
}
