using Kiosk.Bpjs.Outbox;
using Kiosk.Bpjs.Reporting;
using Kiosk.Bpjs.Status;
using Kiosk.Bpjs.Text;
using Kiosk.Contract.Bpjs;

namespace Kiosk.Bpjs.Tests.Status;

public sealed class BridgeStatusComposerTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, Wib);

    private static RefusedTicket Refused(string number, DateTimeOffset at, string reason = "Nomor kartu tidak terdaftar") =>
        new(Guid.NewGuid(), number, ReportKind.Tambah, reason, at);

    [Fact]
    public void Nothing_waiting_and_nothing_refused_is_the_all_clear()
    {
        var status = BridgeStatusComposer.Compose(new ReportBacklog(0, null), [], Now);

        Assert.True(status.AllClear);
        Assert.Equal((0, null, null, 0), (status.Backlog, status.OldestWaitingSince, status.BacklogText, status.Refused.Count));
    }

    [Fact]
    public void Only_todays_refusals_are_listed_at_the_sites_day()
    {
        var yesterday = Refused("A-099", new DateTimeOffset(2026, 3, 1, 23, 50, 0, Wib));
        var today = Refused("A-001", new DateTimeOffset(2026, 3, 2, 0, 10, 0, Wib));

        var status = BridgeStatusComposer.Compose(new ReportBacklog(0, null), [yesterday, today], Now);

        Assert.Equal(["A-001"], status.Refused.Select(r => r.Number));
        Assert.Equal(1, status.RefusedToday);
    }

    [Fact]
    public void A_day_of_refusals_lists_the_newest_and_counts_them_all_and_stays_readable()
    {
        var refused = Enumerable.Range(1, 250).Select(n => Refused($"B-{n:000}", Now.AddMinutes(-300 + n))).ToList();

        var status = BridgeStatusComposer.Compose(new ReportBacklog(3, Now.AddMinutes(-46)), refused, Now);

        Assert.Equal((BpjsBridgeStatus.MaxListed, 250), (status.Refused.Count, status.RefusedToday));
        Assert.Equal("B-250", status.Refused[^1].Number);
        Assert.Equal("3 laporan BPJS menunggu koneksi sejak 08.14", status.BacklogText);
        Assert.True(BpjsBridgeStatusReader.TryRead(Contract.Json.ContractJson.SerializeToUtf8Bytes(status), out _, out var why), why);
    }

    [Fact]
    public void The_largest_status_the_bridge_can_compose_stays_under_the_brokers_message_limit()
    {
        // Every listed ticket at its longest number and a reason of three-byte characters at its longest.
        var refused = Enumerable.Range(1, 500).Select(n => Refused(new string('G', 40), Now, new string('…', 2_000))).ToList();

        var bytes = Contract.Json.ContractJson.SerializeToUtf8Bytes(BridgeStatusComposer.Compose(new ReportBacklog(99_999, Now.AddHours(-9)), refused, Now));

        // Measured: 71,218 bytes of the 131,072 the broker takes.
        Assert.True(bytes.Length < Broker.BrokerLimits.MessageSizeLimit, $"{bytes.Length} bytes");
    }

    [Fact]
    public void A_refusal_without_words_still_tells_the_officer_what_to_do_and_a_long_one_is_shortened()
    {
        var status = BridgeStatusComposer.Compose(new ReportBacklog(0, null), [Refused("A-001", Now, " "), Refused("A-002", Now, new string('x', 2_000))], Now);

        Assert.Equal(BpjsTeks.RefusedWithoutReason, status.Refused[0].Reason);
        Assert.Equal(BridgeStatusComposer.MaxReasonLength, status.Refused[1].Reason.Length);
    }

    [Fact]
    public void The_same_content_at_another_time_is_not_a_change()
    {
        var before = BridgeStatusComposer.Compose(new ReportBacklog(2, Now), [Refused("A-001", Now)], Now);
        var later = before with { At = Now.AddSeconds(5), Refused = [.. before.Refused] };

        Assert.True(BridgeStatusComposer.SameContent(before, later));
        Assert.False(BridgeStatusComposer.SameContent(before, later with { Backlog = 3, BacklogText = "3 laporan BPJS menunggu koneksi sejak 09.00" }));
        Assert.False(BridgeStatusComposer.SameContent(null, later));
    }
}
