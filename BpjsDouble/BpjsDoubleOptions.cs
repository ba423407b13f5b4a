using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Doubles;

/// <summary>Who the double lets in, its clock and the reference lists it serves.</summary>
public sealed record BpjsDoubleOptions
{
    public string ConsId { get; init; } = "12345";

    public string Secret { get; init; } = "rahasia-double";

    public string UserKey { get; init; } = "user-key-double";

    /// <summary>How far X-timestamp may be from the double's clock, either way.</summary>
    public TimeSpan TimestampWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The double's clock (a FakeTimeProvider in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The path BPJS serves Antrean FKTP under (production <c>antreanfktp</c>).</summary>
    public string ServiceName { get; init; } = "antreanfktp";

    /// <summary>What <c>ref/poli</c> answers at first (any date; <see cref="BpjsDoubleMode.Poli"/> changes it); an add for a poli not listed is refused.</summary>
    public IReadOnlyList<ReferensiPoli> Poli { get; init; } =
    [
        new() { KodePoli = "001", NamaPoli = "UMUM", KdSubspesialis = "001", NmSubspesialis = "UMUM" },
        new() { KodePoli = "002", NamaPoli = "GIGI & MULUT", KdSubspesialis = "002", NmSubspesialis = "GIGI & MULUT" },
        new() { KodePoli = "003", NamaPoli = "KIA", KdSubspesialis = "003", NmSubspesialis = "KIA" },
    ];

    /// <summary>What <c>ref/dokter</c> answers per poli code at first (any date; <see cref="BpjsDoubleMode.Dokter"/> changes it).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReferensiDokter>> Dokter { get; init; } = new Dictionary<string, IReadOnlyList<ReferensiDokter>>
    {
        ["001"] = [new() { KodeDokter = 101, NamaDokter = "dr. Sari Wulandari", JamPraktek = "08:00-14:00", Kapasitas = 40 }],
        ["002"] = [new() { KodeDokter = 201, NamaDokter = "drg. Budi Santoso", JamPraktek = "08:00-12:00", Kapasitas = 20 }],
        ["003"] = [new() { KodeDokter = 301, NamaDokter = "Bd. Rina Marlina", JamPraktek = "08:00-12:00", Kapasitas = 25 }],
    };
}
