using System.Text;
using Kiosk.Screens.Sessions;

namespace Kiosk.Screens.Tests.Units;

/// <summary>
/// What the screens read from the broker (the retained state at start, events, the kiosk's status, a loket's replies)
/// is refused, never thrown, whatever the bytes: a session's read loop serves a loket or the display and must go on.
/// </summary>
public sealed class WireAdapterTotalityTests
{
    public static TheoryData<string, byte[]> Malformed() => new()
    {
        { "empty", [] },
        { "not JSON", Utf8("bukan json") },
        { "null", Utf8("null") },
        { "an array", Utf8("[1,2]") },
        { "invalid UTF-8 in a string", [.. Utf8("{\"site\":\""), 0xc3, 0x28, 0xff, .. Utf8("\",\"message\":\"x\"}")] },
        { "lone surrogate escape", Utf8("{\"message\":\"\\ud800\",\"commandId\":\"\\udc00\",\"type\":\"\\ud800\"}") },
        { "deep nesting", Utf8(new string('[', 5_000) + new string(']', 5_000)) },
        { "huge number", Utf8("{\"sequence\":1" + new string('0', 400) + "}") },
        { "collections null", Utf8("{\"services\":null,\"counters\":null,\"lastCalls\":null,\"data\":null,\"ok\":true}") },
        { "members of the wrong type", Utf8("{\"services\":{},\"counters\":7,\"lastCalls\":\"x\",\"online\":\"ya\",\"ok\":\"ya\",\"sequence\":\"satu\"}") },
        { "every member missing", Utf8("{}") },
        { "NUL bytes", [0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Every_reader_refuses_a_malformed_payload_without_throwing(string kind, byte[] payload)
    {
        var state = WireAdapter.TryReadState(payload, _ => 5, out _);
        var wireEvent = WireAdapter.TryReadEvent(payload, out _);
        WireAdapter.TryReadStatus(payload, out _);
        var reply = WireAdapter.TryReadReply(payload, out var answer, out _);

        // Reaching here is the point; a payload that still reads must at least be whole.
        Assert.False(state && wireEvent, kind);
        Assert.True(!reply || answer is not null, kind);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
