using System.Text.Json;
using Kiosk.Screens.Endpoints;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Views;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// A request body from a browser, read as the screens host's endpoints read it (<c>ScreenEndpoints.ReadBodyAsync</c>:
/// <see cref="JsonSerializer"/> with <see cref="ScreensJson.Options"/>, a <see cref="JsonException"/> is a 400), then
/// the login form's checks, or the loket command's <see cref="LoketCommands.Check"/> and the contract command the
/// host would send. Anything but a value, null or <see cref="JsonException"/> is a finding.
/// </summary>
internal static class ScreensTarget
{
    private static readonly ViewState State = new(
        "Puskesmas Kokop", "2026-12-07", DayClosed: false, Sequence: 1, BrokerConnected: true, KioskOnline: true, new KioskNoticeView(null, CanServePatients: true, Severe: false), PatientNotice: null,
        [new ViewService("A", "Pendaftaran", IsPoli: false, 0, 10, []), new ViewService("U", "Poli Umum", IsPoli: true, 0, 15, [])],
        [],
        []);

    public static void Run(byte[] input)
    {
        if (Read<LoginRequest>(input) is { } login)
        {
            // The endpoint's own checks before it asks the broker.
            _ = login.Counter is { } counter && counter is >= 1 and <= LoketSessions.MaxCounter && !string.IsNullOrEmpty(login.Password) && login.Password.Length <= 200;
        }

        if (Read<LoketCommandRequest>(input) is { } request && LoketCommands.Check(request, State) is null)
        {
            _ = WireAdapter.WriteCommand(request.CommandId!, request, DateTimeOffset.UnixEpoch, out _);
        }
    }

    private static T? Read<T>(byte[] input)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(input, ScreensJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
