using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kiosk.Contract.Text;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Scenarios;

/// <summary>
/// A day at a Puskesmas as a JSON file (format in Scenarios/README.md): when the kiosk opens, who arrives when and
/// for which button, how long each step takes, and what breaks. Times of day are the site's local time.
/// </summary>
public sealed class Scenario
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Same seed, same day: arrivals, card numbers and service times are drawn from it.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The business day (yyyy-MM-dd); empty = the day after the machine's today, so the day starts fresh.</summary>
    public string Date { get; set; } = "";

    /// <summary>Extra kiosk configuration ("Queue:Counters:6:Id": "7"), applied over the sample appsettings.json.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    public List<ArrivalWave> Arrivals { get; set; } = [];

    /// <summary>Share of patients who come for the first time (they press a button; returning ones mostly scan a card).</summary>
    public double NewPatientShare { get; set; } = 0.2;

    /// <summary>Share of returning patients who scan their card (BPJS card or kartu berobat) instead of pressing.</summary>
    public double ScanShare { get; set; } = 0.5;

    /// <summary>Share of called patients who are not there (the officer marks them "tidak hadir").</summary>
    public double NoShowRate { get; set; } = 0.03;

    /// <summary>Family size shares for emergencies registered by staff, e.g. {"1": 0.8, "2": 0.2}.</summary>
    public Dictionary<string, double> FamilySizes { get; set; } = new() { ["1"] = 1.0 };

    /// <summary>Minutes at the registration loket, drawn evenly between the two bounds (the SOPs: new 5–15, returning 3–10).</summary>
    public MinuteRange NewPatientMinutes { get; set; } = new() { Min = 5, Max = 15 };

    public MinuteRange ReturningPatientMinutes { get; set; } = new() { Min = 3, Max = 10 };

    public MinuteRange PoliMinutes { get; set; } = new() { Min = 5, Max = 15 };

    /// <summary>Share of registered patients the loket forwards to a poli (the rest are done at registration).</summary>
    public double TransferShare { get; set; } = 0.6;

    /// <summary>Polis patients are forwarded to, with weights; only polis some counter serves are used.</summary>
    public Dictionary<string, double> Polis { get; set; } = new() { ["P-UMUM"] = 1.0 };

    public List<TimedEvent> Emergencies { get; set; } = [];

    public List<TimedEvent> PrinterFaults { get; set; } = [];

    public List<TimedEvent> BrokerOutages { get; set; } = [];

    /// <summary>The kiosk's closing time (Kiosk:DayCloseTime), JJ:MM; the run ends by crossing it. Empty: no close.</summary>
    public string DayClose { get; set; } = "";

    public static Scenario Load(string path)
    {
        var scenario = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), Json)
            ?? throw new ScenarioException(SimulatorTeks.Skenario.EmptyFile(path));
        scenario.Validate(path);
        return scenario;
    }

    /// <summary>A scenario name shipped beside the simulator (hari-biasa, hari-sibuk) or a path to a file.</summary>
    public static string Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return nameOrPath;
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "Scenarios", nameOrPath + ".json");
        return File.Exists(shipped)
            ? shipped
            : throw new ScenarioException(SimulatorTeks.Skenario.NotFound(nameOrPath, Shipped()));
    }

    public static IEnumerable<string> Shipped() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Scenarios"))
            ? Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!
            : [];

    public DateOnly BusinessDay(DateOnly today) =>
        string.IsNullOrEmpty(Date) ? today.AddDays(1) : DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Validate(string path)
    {
        var errors = new List<string>();
        if (Arrivals.Count == 0)
        {
            errors.Add(SettingTeks.Line("arrivals", SimulatorTeks.Skenario.NoArrivals));
        }

        foreach (var (wave, i) in Arrivals.Select((w, i) => (w, i)))
        {
            if (!TimeOnly.TryParse(wave.From, CultureInfo.InvariantCulture, out var from) || !TimeOnly.TryParse(wave.To, CultureInfo.InvariantCulture, out var to) || to <= from)
            {
                errors.Add(SettingTeks.Line($"arrivals[{i}].from/to", SettingTeks.MustBe(SimulatorTeks.Skenario.ArrivalWindowRule, $"{wave.From}/{wave.To}")));
            }

            if (string.IsNullOrWhiteSpace(wave.Button))
            {
                errors.Add(SettingTeks.Line($"arrivals[{i}].button", SettingTeks.Required(SimulatorTeks.Skenario.ArrivalButtonWhy)));
            }

            if (wave.PerHour is < 0 or > 2000)
            {
                errors.Add(SettingTeks.Line($"arrivals[{i}].perHour", SettingTeks.InRange(0, 2000, wave.PerHour)));
            }
        }

        foreach (var (list, name) in new[] { (Emergencies, "emergencies"), (PrinterFaults, "printerFaults"), (BrokerOutages, "brokerOutages") })
        {
            foreach (var (item, i) in list.Select((e, i) => (e, i)))
            {
                if (!TimeOnly.TryParse(item.At, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add(SettingTeks.Line($"{name}[{i}].at", SettingTeks.MustBe(SimulatorTeks.Skenario.TimeRule, item.At)));
                }
            }
        }

        if (DayClose.Length > 0)
        {
            var latest = Arrivals.Select(a => TimeOnly.TryParse(a.To, CultureInfo.InvariantCulture, out var to) ? to : TimeOnly.MinValue).DefaultIfEmpty().Max();
            if (!TimeOnly.TryParseExact(DayClose, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close) || close <= latest)
            {
                errors.Add(SettingTeks.Line("dayClose", SettingTeks.MustBe(SimulatorTeks.Skenario.DayCloseRule, DayClose)));
            }
        }

        foreach (var (share, name) in new[] { (NewPatientShare, "newPatientShare"), (ScanShare, "scanShare"), (NoShowRate, "noShowRate"), (TransferShare, "transferShare") })
        {
            if (share is < 0 or > 1)
            {
                errors.Add(SettingTeks.Line(name, SettingTeks.InRange(0, 1, share)));
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(SimulatorTeks.Skenario.FileProblems(path, errors));
        }
    }
}

public sealed class ArrivalWave
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";

    /// <summary>The button id of the kiosk configuration (umum, bpjs, lansia).</summary>
    public string Button { get; set; } = "";

    public int PerHour { get; set; }
}

public sealed class MinuteRange
{
    public double Min { get; set; }

    public double Max { get; set; }
}

public sealed class TimedEvent
{
    public string At { get; set; } = "";

    public double Minutes { get; set; }

    /// <summary>Printer faults: a switch name (kertas-habis, tutup-terbuka, printer-mati, gagal-cetak...).</summary>
    public string State { get; set; } = "";

    public string Reason { get; set; } = "";
}
