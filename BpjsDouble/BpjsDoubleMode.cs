using System.Collections.Concurrent;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Doubles;

/// <summary>
/// The double's switches, settable at any time from any thread; each request reads them once as it arrives. Down wins
/// over the others; Slow delays whatever else happens.
/// </summary>
public sealed class BpjsDoubleMode
{
    private readonly ConcurrentDictionary<string, string> refusedCards = new(StringComparer.Ordinal);
    private volatile bool down;
    private volatile bool serverError;
    private volatile bool rateLimit;
    private long delayTicks;
    private IReadOnlyList<ReferensiPoli> poli = [];
    private IReadOnlyDictionary<string, IReadOnlyList<ReferensiDokter>> dokter = new Dictionary<string, IReadOnlyList<ReferensiDokter>>();

    /// <summary>The connection is closed without an answer (as when the Puskesmas's internet is cut).</summary>
    public bool Down { get => down; set => down = value; }

    /// <summary>Each answer waits this long first (zero: not slow).</summary>
    public TimeSpan Slow
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref delayTicks));
        set => Interlocked.Exchange(ref delayTicks, value.Ticks);
    }

    /// <summary>HTTP 500 with an HTML page, as BPJS's gateway gives when the service behind it fails.</summary>
    public bool ServerError { get => serverError; set => serverError = value; }

    /// <summary>HTTP 429.</summary>
    public bool RateLimit { get => rateLimit; set => rateLimit = value; }

    /// <summary>
    /// What <c>ref/poli</c> answers from now on (any date); an add for a poli not listed is refused. Starts as
    /// <see cref="BpjsDoubleOptions.Poli"/>.
    /// </summary>
    public IReadOnlyList<ReferensiPoli> Poli
    {
        get => Volatile.Read(ref poli);
        set => Volatile.Write(ref poli, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>What <c>ref/dokter</c> answers per poli code from now on (any date). Starts as <see cref="BpjsDoubleOptions.Dokter"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReferensiDokter>> Dokter
    {
        get => Volatile.Read(ref dokter);
        set => Volatile.Write(ref dokter, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Runs after BPJS has taken (or answered) a report and before the answer is written, with the report's kind and
    /// BPJS's code: a test kills the caller here so BPJS keeps a report whose answer never arrives (the resend then gets
    /// "already there"). Null: nothing runs.
    /// </summary>
    public Action<string, int>? BeforeAnswer { get; set; }

    /// <summary>Business refusal of every add for this card, with BPJS's kind of message.</summary>
    public void RefuseCard(string nomorKartu, string message = "Nomor kartu peserta tidak valid") => refusedCards[nomorKartu] = message;

    public void AcceptCard(string nomorKartu) => refusedCards.TryRemove(nomorKartu, out _);

    /// <summary>Back to a healthy BPJS.</summary>
    public void Reset()
    {
        Down = false;
        ServerError = false;
        RateLimit = false;
        Slow = TimeSpan.Zero;
        refusedCards.Clear();
    }

    internal string? RefusalFor(string nomorKartu) => refusedCards.TryGetValue(nomorKartu, out var message) ? message : null;
}
