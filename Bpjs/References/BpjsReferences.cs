using Kiosk.Bpjs.Protocol;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.References;

/// <summary>
/// The references the bridge works with: the last day BPJS gave (kept in <see cref="ReferenceStore"/>), fetched anew by
/// <see cref="ReferenceRefresher"/> once a day. "Tambah antrean" takes the poli's name and the doctor from here
/// (<see cref="Fill"/>). The day is the site's calendar day (the bridge's local time zone, WIB on a Puskesmas Pi).
/// </summary>
public sealed partial class BpjsReferences(
    IAntreanFktpReferensi bpjs,
    ReferenceStore store,
    IReadOnlyDictionary<string, string> poliByService,
    TimeProvider time,
    ILogger<BpjsReferences> logger)
{
    private ReferenceSnapshot? current;
    private readonly Lock gate = new();
    private DateOnly? fetchedDay;

    /// <summary>The references in use: today's once fetched, else the last kept (yesterday's after a restart offline), else null.</summary>
    public ReferenceSnapshot? Current => Volatile.Read(ref current);

    public IReadOnlyDictionary<string, string> PoliByService => poliByService;

    /// <summary>The day this bridge last fetched from BPJS since it started (a kept list does not count: it is fetched anew at start).</summary>
    public DateOnly? FetchedDay
    {
        get { lock (gate) { return fetchedDay; } }
        private set { lock (gate) { fetchedDay = value; } }
    }

    /// <summary>The site's calendar day now.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Takes what the outbox file kept, if nothing newer is in use. Returns it.</summary>
    public ReferenceSnapshot? LoadKept()
    {
        var kept = store.Latest();
        if (kept is not null && (Current is not { } now || now.Day < kept.Day))
        {
            Volatile.Write(ref current, kept);
        }

        return Current;
    }

    /// <summary>
    /// Fetches the poli list of <paramref name="day"/> and the doctors of every mapped poli BPJS lists, keeps them and
    /// puts them in use. On any failure nothing changes and the outcome says why (a doctor list that fails fails the whole
    /// fetch, so a day is never half known).
    /// </summary>
    public async Task<ReferenceFetch> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var poli = await bpjs.ReferensiPoliAsync(day, cancellationToken).ConfigureAwait(false);
        if (poli.Items is not { } listed)
        {
            return new ReferenceFetch(null, poli.Outcome);
        }

        var known = listed.Select(p => p.KodePoli).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dokter = new Dictionary<string, IReadOnlyList<ReferensiDokter>>(StringComparer.OrdinalIgnoreCase);
        foreach (var kode in poliByService.Values.Distinct(StringComparer.OrdinalIgnoreCase).Where(known.Contains))
        {
            var schedule = await bpjs.ReferensiDokterAsync(kode, day, cancellationToken).ConfigureAwait(false);
            if (schedule.Items is not { } doctors)
            {
                return new ReferenceFetch(null, schedule.Outcome);
            }

            dokter[kode] = doctors;
        }

        var snapshot = new ReferenceSnapshot(day, listed, dokter, time.GetUtcNow());
        store.Save(snapshot);
        Volatile.Write(ref current, snapshot);
        FetchedDay = day;
        LogFetched(day, listed.Count, dokter.Values.Sum(d => d.Count));
        return new ReferenceFetch(snapshot, poli.Outcome);
    }

    /// <summary>
    /// At start, before the host runs: takes the kept list, fetches today's once and checks the mapping against the
    /// freshest list there is. Returns the technician's lines (empty: start). When BPJS cannot be reached and nothing is
    /// kept the bridge starts anyway (a Puskesmas offline at 07:00 must not lose the day's reports) and the check waits
    /// for the list (<see cref="ReferenceRefresher"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAtStartAsync(CancellationToken cancellationToken)
    {
        LoadKept();
        var fetch = await FetchAsync(Today, cancellationToken).ConfigureAwait(false);
        if (fetch.Snapshot is null)
        {
            if (Current is { } kept)
            {
                LogStartWithKept(fetch.Outcome.Message, kept.Day);
            }
            else
            {
                LogStartWithout(fetch.Outcome.Message);
                return [];
            }
        }

        return MappingProblems();
    }

    /// <summary>The mapping's problems against the references in use (none when there are none yet).</summary>
    public IReadOnlyList<string> MappingProblems() =>
        Current is { } snapshot ? PoliMapCheck.Problems(poliByService, snapshot.Poli) : [];

    /// <summary>
    /// "Tambah antrean" with the poli's name and the doctor filled from the references in use: the day's first doctor BPJS
    /// lists for that poli (BPJS's own order; the kiosk does not know which doctor a patient will see). With no
    /// references, or no doctor scheduled for that poli, the fields stay as the mapper left them (kodedokter 0, empty
    /// name and hours) and BPJS's answer decides: a refusal stops the ticket with BPJS's reason for the officer.
    /// </summary>
    public TambahAntrean Fill(TambahAntrean body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Current is not { } snapshot)
        {
            return body;
        }

        var filled = snapshot.PoliOf(body.KodePoli) is { } poli ? body with { NamaPoli = poli.NamaPoli } : body;
        return snapshot.FirstDoctorOf(body.KodePoli) is { } doctor
            ? filled with { KodeDokter = doctor.KodeDokter, NamaDokter = doctor.NamaDokter, JamPraktek = doctor.JamPraktek }
            : filled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BPJS references not fetched at start ({Reason}); the poli mapping is checked against the list kept from {Day}")]
    private partial void LogStartWithKept(string reason, DateOnly day);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BPJS cannot be reached at start ({Reason}) and no reference list is kept: the bridge starts anyway and keeps the day's reports; the poli mapping is checked as soon as BPJS answers")]
    private partial void LogStartWithout(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "BPJS references of {Day} fetched: {Poli} polis, {Doctors} doctor schedules of the mapped polis")]
    private partial void LogFetched(DateOnly day, int poli, int doctors);
}
