using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>
/// BPJS for the bridge's tests: records every call in order and answers what <see cref="Answer"/> says (delivered by
/// default). The end-to-end tests use the BPJS double over HTTP instead.
/// </summary>
internal sealed class RecordingAntreanClient : IAntreanFktpClient
{
    private readonly Lock gate = new();
    private readonly List<(object Body, BpjsOutcome Outcome)> calls = [];

    public static BpjsOutcome Delivered { get; } = new(BpjsOutcomeKind.Delivered, 200, "Ok.");

    public static BpjsOutcome Down { get; } = new(BpjsOutcomeKind.Retry, null, "tidak ada jawaban");

    public Func<object, BpjsOutcome> Answer { get; set; } = _ => Delivered;

    /// <summary>Every call, in order, with the answer it got.</summary>
    public IReadOnlyList<(object Body, BpjsOutcome Outcome)> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>The bodies BPJS took (delivered or already done), in order.</summary>
    public IReadOnlyList<object> Taken => [.. Calls.Where(c => c.Outcome.Kind is BpjsOutcomeKind.Delivered or BpjsOutcomeKind.AlreadyDone).Select(c => c.Body)];

    public Task<BpjsOutcome> TambahAntreanAsync(TambahAntrean request, CancellationToken cancellationToken) => Record(request);

    public Task<BpjsOutcome> PanggilAntreanAsync(PanggilAntrean request, CancellationToken cancellationToken) => Record(request);

    public Task<BpjsOutcome> BatalAntreanAsync(BatalAntrean request, CancellationToken cancellationToken) => Record(request);

    private Task<BpjsOutcome> Record(object body)
    {
        var outcome = Answer(body);
        lock (gate)
        {
            calls.Add((body, outcome));
        }

        return Task.FromResult(outcome);
    }
}
