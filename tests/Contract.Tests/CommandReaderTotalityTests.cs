using System.Text;
using System.Text.Json;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Json;
using Kiosk.TestSupport.Contract;

namespace Kiosk.Contract.Tests;

/// <summary>
/// Every byte sequence a loket can publish gets one answer from the reader: a command, or a refusal the kiosk sends back
/// as a <c>bad-command</c> reply in Bahasa Indonesia. A throw here once left commands unacknowledged and stopped every loket.
/// </summary>
public sealed class CommandReaderTotalityTests
{
    public static TheoryData<string, byte[], string?> MalformedKinds() => new()
    {
        // The reproduction from the report: invalid UTF-8 and an encoded lone surrogate inside the id's string.
        { "invalid UTF-8 in commandId", Bytes("{\"commandId\":\"", [0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80], "\",\"type\":\"call-next\"}"), null },
        { "invalid UTF-8 in type", Bytes("{\"commandId\":\"c1\",\"type\":\"", [0xff], "\"}"), "c1" },
        { "invalid UTF-8 in reason", Bytes("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"reason\":\"", [0xc3, 0x28], "\"}"), "c1" },
        { "invalid UTF-8 in a member the kiosk ignores", Bytes("{\"commandId\":\"c1\",\"type\":\"pause\",\"x\":\"", [0xc0, 0xaf], "\"}"), "c1" },
        { "invalid UTF-8 in a member name", Bytes("{\"", [0xff, 0xfe], "\":1,\"commandId\":\"c1\",\"type\":\"pause\"}"), "c1" },
        { "lone surrogate escape in commandId", Utf8("{\"commandId\":\"\\ud800\",\"type\":\"call-next\"}"), null },
        { "lone surrogate escape in ticketNumber", Utf8("{\"commandId\":\"c1\",\"type\":\"call\",\"ticketNumber\":\"A-\\udfff\"}"), "c1" },
        { "lone surrogate escape in a member name", Utf8("{\"\\ud800\":1,\"commandId\":\"c1\",\"type\":\"pause\"}"), null },
        { "deep nesting", Utf8("{\"commandId\":\"c1\",\"type\":\"pause\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), null },
        { "huge number", Utf8("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"familySize\":1" + new string('0', 400) + "}"), "c1" },
        { "huge exponent", Utf8("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"familySize\":1e999999}"), "c1" },
        { "fraction where a whole number belongs", Utf8("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"familySize\":1.5}"), "c1" },
        { "duplicate commandId", Utf8("{\"commandId\":\"c1\",\"commandId\":\"c2\",\"type\":\"pause\"}"), null },
        { "duplicate type", Utf8("{\"commandId\":\"c1\",\"type\":\"pause\",\"type\":\"resume\"}"), null },
        { "commandId a number", Utf8("{\"commandId\":7,\"type\":\"pause\"}"), null },
        { "type an object", Utf8("{\"commandId\":\"c1\",\"type\":{\"a\":1}}"), "c1" },
        { "ticketId not a guid", Utf8("{\"commandId\":\"c1\",\"type\":\"call\",\"ticketId\":\"abc\"}"), "c1" },
        { "sentAt not a date", Utf8("{\"commandId\":\"c1\",\"type\":\"pause\",\"sentAt\":\"kemarin\"}"), "c1" },
        { "category unknown", Utf8("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"category\":\"alien\"}"), "c1" },
        { "contractVersion a number", Utf8("{\"commandId\":\"c1\",\"type\":\"pause\",\"contractVersion\":2}"), "c1" },
        { "contractVersion with a bad escape", Utf8("{\"commandId\":\"c1\",\"type\":\"pause\",\"contractVersion\":\"\\ud800\"}"), "c1" },
        { "every field missing", Utf8("{}"), null },
        { "empty payload", [], null },
        { "whitespace only", Utf8("   \n"), null },
        { "null", Utf8("null"), null },
        { "an array", Utf8("[{\"commandId\":\"c1\",\"type\":\"pause\"}]"), null },
        { "a string", Utf8("\"pause\""), null },
        { "truncated", Utf8("{\"commandId\":\"c1\",\"type\":\"pa"), null },
        { "trailing garbage", Utf8("{\"commandId\":\"c1\",\"type\":\"pause\"} x"), null },
        { "NUL bytes", [0, 0, 0, 0], null },
        { "UTF-16 with a byte-order mark", [0xff, 0xfe, (byte)'{', 0, (byte)'}', 0], null },
        { "commandId too long", Utf8("{\"commandId\":\"" + new string('x', 101) + "\",\"type\":\"pause\"}"), null },
        { "familySize out of range", Utf8("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"familySize\":21}"), "c1" },
    };

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public void A_malformed_command_is_refused_with_a_reply_that_follows_the_contract(string kind, byte[] payload, string? echoedId)
    {
        var read = CommandReader.TryRead(payload, out var command, out var refusal);

        Assert.False(read, $"{kind}: read as {command}");
        Assert.NotNull(refusal);
        Assert.Equal(echoedId, refusal.CommandId);
        Assert.Contains(refusal.Code, new[] { ErrorCode.BadCommand, ErrorCode.UnsupportedVersion });

        // What the loket shows: Indonesian, never the parser's or .NET's own words.
        Assert.DoesNotContain("JSON value", refusal.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", refusal.Message, StringComparison.Ordinal);
        Assert.Matches("(Perintah|perintah|commandId|Jenis|Isian|Versi|Jumlah)", refusal.Message);

        var reply = JsonDocument.Parse(ContractJson.SerializeToUtf8Bytes(refusal.ToReply("1"))).RootElement;
        Assert.Empty(ContractDocument.Load().Validate("CounterReply", reply));
    }

    [Fact]
    public void A_duplicate_member_is_named_as_such_for_the_officer()
    {
        Assert.False(CommandReader.TryRead(Utf8("{\"commandId\":\"c1\",\"commandId\":\"c2\",\"type\":\"pause\"}"), out _, out var refusal));

        Assert.Contains("dua kali", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_text_names_the_member_and_echoes_the_readable_id()
    {
        Assert.False(CommandReader.TryRead(Bytes("{\"commandId\":\"c9\",\"type\":\"call\",\"ticketNumber\":\"", [0xed, 0xa0, 0x80], "\"}"), out _, out var refusal));

        Assert.Equal("c9", refusal.CommandId);
        Assert.Equal(CommandType.Call, refusal.Type);
        Assert.Contains("ticketNumber", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_text_in_the_id_is_named_as_such()
    {
        Assert.False(CommandReader.TryRead(Bytes("{\"commandId\":\"", [0xc3, 0x28], "\",\"type\":\"pause\"}"), out _, out var refusal));

        Assert.Null(refusal.CommandId);
        Assert.Equal(CommandType.Pause, refusal.Type);
        Assert.Contains("UTF-8", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_command_still_reads()
    {
        Assert.True(CommandReader.TryRead(Utf8("{\"commandId\":\"c1\",\"type\":\"emergency\",\"service\":\"umum\",\"familySize\":3,\"reason\":\"Ibu hamil \\u00e9\"}"), out var command, out _));

        Assert.Equal(3, command.FamilySize);
        Assert.Equal("Ibu hamil é", command.Reason);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Utf8(before), .. raw, .. Utf8(after)];
}
