using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.References;

/// <summary>BPJS's reference calls answered from settable lists, or with a Retry while <see cref="Down"/>; counts the calls.</summary>
internal sealed class ListedReferensi : IAntreanFktpReferensi
{
    private static readonly BpjsOutcome Ok = new(BpjsOutcomeKind.Delivered, 200, "OK");
    private static readonly BpjsOutcome Unreachable = new(BpjsOutcomeKind.Retry, null, "BPJS could not be reached: test");
    private int poliCalls;

    public volatile bool Down;

    public IReadOnlyList<ReferensiPoli> Poli { get; set; } =
    [
        new() { KodePoli = "001", NamaPoli = "UMUM" },
        new() { KodePoli = "002", NamaPoli = "GIGI & MULUT" },
    ];

    public Dictionary<string, IReadOnlyList<ReferensiDokter>> Dokter { get; } = new()
    {
        ["001"] =
        [
            new() { KodeDokter = 101, NamaDokter = "dr. Sari Wulandari", JamPraktek = "08:00-14:00" },
            new() { KodeDokter = 102, NamaDokter = "dr. Andi Pratama", JamPraktek = "14:00-20:00" },
        ],
        ["002"] = [],
    };

    public int PoliCalls => Volatile.Read(ref poliCalls);

    public Task<ReferensiResult<ReferensiPoli>> ReferensiPoliAsync(DateOnly tanggal, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref poliCalls);
        return Task.FromResult(Down ? new ReferensiResult<ReferensiPoli>(null, Unreachable) : new ReferensiResult<ReferensiPoli>(Poli, Ok));
    }

    public Task<ReferensiResult<ReferensiDokter>> ReferensiDokterAsync(string kodePoli, DateOnly tanggal, CancellationToken cancellationToken) =>
        Task.FromResult(Down
            ? new ReferensiResult<ReferensiDokter>(null, Unreachable)
            : new ReferensiResult<ReferensiDokter>(Dokter.TryGetValue(kodePoli, out var list) ? list : [], Ok));
}
