using Kiosk.Contract;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Configuration;

/// <summary>A registration service a patient picks at the kiosk (e.g. A = Pendaftaran BPJS).</summary>
public sealed class ServiceOptions
{
    public string Code { get; set; } = "";
    /// <summary>Printed before the number: A-012. Services may share a prefix when their number bands do not overlap.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>Name in Bahasa Indonesia, printed and shown.</summary>
    public string Name { get; set; } = "";
    /// <summary>What the patient must bring; an entry without category/payer applies to all.</summary>
    public IList<ServiceRequirement> Requirements { get; } = [];
    /// <summary>SOP time standard for serving one patient at the loket.</summary>
    public TimeSpan SopTarget { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Maximum tickets per business day; null = no cap.</summary>
    public int? DailyCap { get; set; }
    /// <summary>First number of the day (band start).</summary>
    public int NumberStart { get; set; } = 1;
    /// <summary>Last number of the band; null = unbounded.</summary>
    public int? NumberEnd { get; set; }

    /// <summary>An unknown payer is shown the payer-specific items too ("Kartu BPJS / KIS bila peserta").</summary>
    public IReadOnlyList<string> WhatToBring(PatientCategory category, Payer payer) =>
        Requirements.Where(r => (r.Category is null || r.Category == category) && (r.Payer is null || r.Payer == payer || payer == Kiosk.Contract.Payer.Unknown))
            .Select(r => r.Item).ToList();
}

public sealed record ServiceRequirement(string Item, PatientCategory? Category = null, Payer? Payer = null);
