using System.Globalization;
using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Protocol;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Bpjs;

/// <summary>
/// The front panel's BPJS section as data: what BPJS has received (the double's record, newest first, card numbers
/// masked), the bridge's backlog line and the internet switch. Built from the double and the outbox each time it is
/// asked; <see cref="Version"/> tells the panel's ticker when something changed worth sending to the pages.
/// </summary>
public static class BpjsPanelView
{
    /// <summary>How many of BPJS's newest records the panel lists.</summary>
    public const int Shown = 50;

    public static object Snapshot(SimulatedBpjs bpjs, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(bpjs);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var reports = bpjs.Service.Requests.Where(r => IsReport(r.Kind)).Reverse().Take(Shown).Select(r => Row(r, zone)).ToArray();
        var backlog = bpjs.Outbox.Backlog();
        return new
        {
            internetCut = bpjs.InternetCut,
            backlog = backlog.Text ?? SimulatorTeks.Panel.BpjsNothingWaiting,
            waiting = backlog.Count,
            received = reports,
        };
    }

    /// <summary>Changes whenever a request reaches the double, the backlog moves or the switch flips.</summary>
    public static (int Requests, int Waiting, bool Cut) Version(SimulatedBpjs bpjs)
    {
        ArgumentNullException.ThrowIfNull(bpjs);
        return (bpjs.Service.Requests.Count, bpjs.Outbox.Backlog().Count, bpjs.InternetCut);
    }

    private static bool IsReport(string kind) => kind is "add" or "panggil" or "batal";

    private static object Row(BpjsReceived received, TimeZoneInfo zone) => new
    {
        sequence = received.Sequence,
        kind = Kind(received),
        number = received.NomorAntrean ?? string.Empty,
        poli = received.KodePoli,
        card = PersonalNumber.Mask(received.NomorKartu),
        status = Status(received.Answer),
        taken = received.Answer.Kind is BpjsOutcomeKind.Delivered or BpjsOutcomeKind.AlreadyDone,
        at = TimeZoneInfo.ConvertTime(received.At, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
    };

    private static string Kind(BpjsReceived received) => received.Kind switch
    {
        "add" => SimulatorTeks.Panel.BpjsTambah,
        "panggil" => Hadir(received) switch
        {
            1 => SimulatorTeks.Panel.BpjsPanggilHadir,
            2 => SimulatorTeks.Panel.BpjsPanggilTidakHadir,
            _ => SimulatorTeks.Panel.BpjsPanggil,
        },
        _ => SimulatorTeks.Panel.BpjsBatal,
    };

    /// <summary>The panggil's status (1 hadir, 2 tidak hadir), or null when its body does not say.</summary>
    private static int? Hadir(BpjsReceived received)
    {
        try
        {
            return received.BodyAs<PanggilAntrean>()?.Status;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Status(BpjsOutcome answer) => answer.Kind switch
    {
        BpjsOutcomeKind.Delivered => SimulatorTeks.Panel.BpjsTaken,
        BpjsOutcomeKind.AlreadyDone => SimulatorTeks.Panel.BpjsAlreadyThere,
        BpjsOutcomeKind.Refused => SimulatorTeks.Panel.BpjsRefused(answer.Message),
        _ => SimulatorTeks.Panel.BpjsNotTaken(answer.Message),
    };
}
