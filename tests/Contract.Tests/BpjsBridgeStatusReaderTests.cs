using System.Text;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Json;
using Kiosk.Contract.Topics;

namespace Kiosk.Contract.Tests;

/// <summary>The BPJS bridge's status reads back from its own bytes, and each kind of bad payload is a false with a reason, never an exception.</summary>
public sealed class BpjsBridgeStatusReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 2, 0, TimeSpan.FromHours(7));
    private static readonly Guid Ticket = Guid.Parse("0193a1b2-0000-7000-8000-0000000000a1");

    private static BpjsBridgeStatus Backlogged => new()
    {
        At = At,
        Backlog = 12,
        OldestWaitingSince = At.AddMinutes(-48),
        BacklogText = "12 laporan BPJS menunggu koneksi sejak 08.14",
        Refused = [new BpjsRefusedTicket(Ticket, "A-001", "Nomor kartu peserta tidak ditemukan")],
        RefusedToday = 1,
    };

    [Fact]
    public void A_status_reads_back_as_written()
    {
        Assert.True(BpjsBridgeStatusReader.TryRead(ContractJson.SerializeToUtf8Bytes(Backlogged), out var status, out var why), why);

        Assert.Equal((12, "12 laporan BPJS menunggu koneksi sejak 08.14", 1), (status.Backlog, status.BacklogText, status.RefusedToday));
        Assert.Equal(Backlogged.Refused, status.Refused);
        Assert.False(status.AllClear);
    }

    [Fact]
    public void The_all_clear_reads_as_all_clear_and_does_not_carry_the_computed_flag()
    {
        var clear = new BpjsBridgeStatus { At = At, Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0 };
        var bytes = ContractJson.SerializeToUtf8Bytes(clear);

        Assert.True(BpjsBridgeStatusReader.TryRead(bytes, out var status, out _));
        Assert.True(status.AllClear);
        Assert.DoesNotContain("allClear", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_status_does_not_carry_running_and_reads_as_running()
    {
        var bytes = ContractJson.SerializeToUtf8Bytes(Backlogged);

        Assert.DoesNotContain("running", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(BpjsBridgeStatusReader.TryRead(bytes, out var status, out _));
        Assert.False(status.IsOffline);
    }

    [Fact]
    public void The_last_will_reads_as_not_running_and_never_as_the_all_clear()
    {
        var bytes = ContractJson.SerializeToUtf8Bytes(BpjsBridgeStatus.Offline(At));

        Assert.Contains("\"running\":false", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(BpjsBridgeStatusReader.TryRead(bytes, out var status, out var why), why);
        Assert.True(status.IsOffline);
        Assert.False(status.AllClear);
        Assert.Equal((0, 0, At), (status.Backlog, status.RefusedToday, status.At));
    }

    [Fact]
    public void Running_true_from_a_later_bridge_reads_as_running()
    {
        var bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ContractJson.SerializeToUtf8Bytes(Backlogged)).Replace("\"refusedToday\":1", "\"refusedToday\":1,\"running\":true", StringComparison.Ordinal));

        Assert.True(BpjsBridgeStatusReader.TryRead(bytes, out var status, out var why), why);
        Assert.False(status.IsOffline);
        Assert.Equal(12, status.Backlog);
    }

    public static TheoryData<string, byte[]> BadKinds() => new()
    {
        { "empty payload", [] },
        { "binary", [0x00, 0xff, 0x10, 0x80, 0xc3] },
        { "not JSON", Utf8("laporan menumpuk") },
        { "JSON null", Utf8("null") },
        { "JSON array", Utf8("[]") },
        { "empty object", Utf8("{}") },
        { "truncated", Utf8(Json()[..40]) },
        { "deep nesting", Utf8("{\"refused\":" + new string('[', 10_000) + new string(']', 10_000) + "}") },
        { "invalid UTF-8 in a reason", [.. Utf8(Json()[..Json().IndexOf("Nomor", StringComparison.Ordinal)]), 0xc3, 0x28, .. Utf8("\"}],\"refusedToday\":1}")] },
        { "another major version", Replace("\"contractVersion\":\"1.1\"", "\"contractVersion\":\"2.0\"") },
        { "backlog negative", Replace("\"backlog\":12", "\"backlog\":-1") },
        { "backlog a string", Replace("\"backlog\":12", "\"backlog\":\"12\"") },
        { "backlog without its time", Replace("\"oldestWaitingSince\":\"2026-03-02T08:14:00+07:00\"", "\"oldestWaitingSince\":null") },
        { "backlog without its line", Replace("\"backlogText\":\"12 laporan BPJS menunggu koneksi sejak 08.14\"", "\"backlogText\":null") },
        { "refused null", Replace("\"refused\":[", "\"refused\":null,\"x\":[") },
        { "a null refused ticket", Replace("\"refused\":[", "\"refused\":[null,") },
        { "a refused ticket without a number", Replace("\"number\":\"A-001\"", "\"number\":\"\"") },
        { "a refused ticket without a reason", Replace("\"reason\":\"Nomor kartu peserta tidak ditemukan\"", "\"reason\":\"  \"") },
        { "a refused ticket with an empty id", Replace(Ticket.ToString(), Guid.Empty.ToString()) },
        { "more listed than counted", Replace("\"refusedToday\":1", "\"refusedToday\":0") },
        { "a reason of a megabyte", Replace("Nomor kartu peserta tidak ditemukan", new string('x', 1_000_000)) },
        { "at not a date", Replace("\"at\":\"", "\"at\":\"kemarin") },
        { "running a string", Replace("\"refusedToday\":1", "\"refusedToday\":1,\"running\":\"false\"") },
        { "running a number", Replace("\"refusedToday\":1", "\"refusedToday\":1,\"running\":0") },
    };

    [Theory]
    [MemberData(nameof(BadKinds))]
    public void A_bad_payload_is_refused_with_a_reason(string kind, byte[] payload)
    {
        Assert.False(BpjsBridgeStatusReader.TryRead(payload, out var status, out var why), kind);
        Assert.Null(status);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Fact]
    public void The_status_topic_is_its_own_channel()
    {
        var topics = new SiteTopics("pkm-kokop");

        Assert.Equal("queue/pkm-kokop/bpjs/status", topics.BpjsStatus);
        Assert.Equal(TopicKind.BpjsStatus, topics.Classify(topics.BpjsStatus, out _));
    }

    private static string Json() => ContractJson.Serialize(Backlogged);

    private static byte[] Replace(string old, string replacement)
    {
        var json = Json();
        Assert.Contains(old, json, StringComparison.Ordinal);
        return Utf8(json.Replace(old, replacement, StringComparison.Ordinal));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
