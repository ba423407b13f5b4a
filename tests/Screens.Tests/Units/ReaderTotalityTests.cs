using System.Text.Json;
using Kiosk.Screens.Endpoints;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Views;
using Kiosk.TestSupport;

namespace Kiosk.Screens.Tests.Units;

/// <summary>
/// The fuzz corpus of the screens host's readers, replayed: request bodies as the endpoints read them
/// (fuzz/seeds/screens, fuzz/findings/screens: a value, null or <see cref="JsonException"/>, then the login checks or
/// <see cref="LoketCommands.Check"/> and the command the host would send) and MQTT payloads through
/// <see cref="WireAdapter"/>'s readers (fuzz/seeds/screens-wire, fuzz/findings/screens-wire: true or false, no throw).
/// </summary>
public sealed class ReaderTotalityTests
{
    private static readonly ViewState State = new(
        "Puskesmas Kokop", "2026-12-07", DayClosed: false, Sequence: 1, BrokerConnected: true, KioskOnline: true, new KioskNoticeView(null, CanServePatients: true, Severe: false), PatientNotice: null,
        [new ViewService("A", "Pendaftaran", IsPoli: false, 0, 10, []), new ViewService("U", "Poli Umum", IsPoli: true, 0, 15, [])],
        [],
        []);

    public static TheoryData<string> Bodies => FuzzCorpus.Inputs("screens");

    public static TheoryData<string> Payloads => FuzzCorpus.Inputs("screens-wire");

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Every_fuzz_body_is_read_or_refused(string input)
    {
        var bytes = FuzzCorpus.Read(input);
        if (Read<LoginRequest>(bytes) is { } login)
        {
            _ = login.Counter is >= 1 and <= LoketSessions.MaxCounter && !string.IsNullOrEmpty(login.Password);
        }

        if (Read<LoketCommandRequest>(bytes) is { } request && LoketCommands.Check(request, State) is null)
        {
            _ = WireAdapter.WriteCommand(request.CommandId!, request, DateTimeOffset.UnixEpoch, out _);
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Every_fuzz_payload_is_read_or_refused(string input)
    {
        var bytes = FuzzCorpus.Read(input);
        _ = WireAdapter.TryReadState(bytes, _ => 10, out _);
        _ = WireAdapter.TryReadEvent(bytes, out _);
        _ = WireAdapter.TryReadStatus(bytes, out _);
        _ = WireAdapter.TryReadReply(bytes, out _, out _);
        _ = WireAdapter.TryReadBpjsStatus(bytes, out _, out _);

        // The patient pages' token index reads the same payloads (as the fuzz target does).
        var patients = new Kiosk.Screens.Patients.PatientTickets(_ => 10, TimeProvider.System);
        _ = patients.ApplyState(bytes);
        _ = patients.ApplyEvent(bytes);
        _ = patients.Find("b7Yx_2kQ9mR4tW1zLp8sNA");
        _ = patients.Find(System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void The_seed_bodies_are_what_the_loket_page_sends()
    {
        Assert.Equal(1, Read<LoginRequest>(FuzzCorpus.Read("seeds/screens/login.json"))?.Counter);
        var call = Read<LoketCommandRequest>(FuzzCorpus.Read("seeds/screens/command-call.json"));
        Assert.NotNull(call);
        Assert.Null(LoketCommands.Check(call, State));
    }

    private static T? Read<T>(byte[] body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, ScreensJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
