using Kiosk.Contract.Events;
using Kiosk.Contract.Reading;
using Kiosk.Screens.Patients;
using Kiosk.Screens.Sessions;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// MQTT payloads the screens host and the district service read (state snapshot, events with their data, kiosk status,
/// counter replies, link heartbeats, the BPJS bridge's status), through the contract's <see cref="WireReader"/> and the screens' mapping on top of
/// it (<see cref="WireAdapter"/>): each returns true or false, never throws.
/// </summary>
internal static class ScreensWireTarget
{
    public static void Run(byte[] input)
    {
        if (WireReader.TryReadEvent(input, out var envelope))
        {
            _ = WireReader.TryReadData<TicketData>(envelope, out _);
            _ = WireReader.TryReadData<DayData>(envelope, out _);
            _ = WireReader.TryReadData<CounterData>(envelope, out _);
            _ = WireReader.TryReadData<DayRecapData>(envelope, out _);
        }

        _ = WireReader.TryReadState(input, out _);
        _ = WireReader.TryReadStatus(input, out _);
        _ = WireReader.TryReadReply(input, out _);
        _ = WireReader.TryReadHeartbeat(input, out _);
        _ = WireAdapter.TryReadState(input, _ => 10, out _);
        _ = WireAdapter.TryReadEvent(input, out _);
        _ = WireAdapter.TryReadStatus(input, out _);
        _ = WireAdapter.TryReadReply(input, out _, out _);
        _ = WireAdapter.TryReadBpjsStatus(input, out _, out _);
        PatientPages(input);
    }

    /// <summary>
    /// The patient pages' token index reads the same payloads: a fresh index takes the input as state and as event, then
    /// is asked for the tokens of the golden samples (so a payload that maps one is drawn as a page) and for the input.
    /// </summary>
    public static void PatientPages(byte[] input)
    {
        var patients = new PatientTickets(_ => 10, TimeProvider.System);
        _ = patients.ApplyState(input);
        _ = patients.ApplyEvent(input);
        _ = patients.ApplyState(input);
        foreach (var token in SampleTokens)
        {
            _ = patients.Find(token);
        }

        _ = patients.Find(System.Text.Encoding.UTF8.GetString(input));
    }

    /// <summary>The tokens in the golden samples (tests/Contract.Tests/Samples.cs), which are the seeds.</summary>
    private static readonly string[] SampleTokens = ["3q2-7wX9aLp0Zr5NvT8bQA", "Zm9vYmFyYmF6cXV4cXV1eA", "b7Yx_2kQ9mR4tW1zLp8sNA"];
}
