using Kiosk.Contract.Bpjs;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Views;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Screens.Tests.Units;

/// <summary>
/// What a loket session makes of the BPJS bridge's "not running" status (its MQTT last will): the line in place of the
/// backlog line, with the time the session saw the bridge stop when it saw it, the refusals it already had kept, and
/// all of it gone when the bridge's live status comes back.
/// </summary>
public sealed class BpjsBridgeOfflineTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 8, 0, 0, Wib);
    private static readonly Guid Ticket = Guid.Parse("0193a1b2-0000-7000-8000-0000000000a1");

    private static BpjsBridgeStatus Live => new()
    {
        At = Morning,
        Backlog = 3,
        OldestWaitingSince = Morning.AddMinutes(-10),
        BacklogText = "3 laporan BPJS menunggu koneksi sejak 07.50",
        Refused = [new BpjsRefusedTicket(Ticket, "A-001", "Nomor kartu peserta tidak ditemukan")],
        RefusedToday = 1,
    };

    // The will is armed at the bridge's start, in UTC: hours before it died.
    private static BpjsBridgeStatus Will => BpjsBridgeStatus.Offline(new DateTimeOffset(2026, 3, 2, 0, 5, 0, TimeSpan.Zero));

    private static ViewState Empty => new QueueView("Puskesmas", new FakeTimeProvider(Morning), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).Build();

    [Fact]
    public void The_will_after_a_live_status_says_since_when_the_session_saw_it_and_keeps_the_refusals()
    {
        var live = BpjsSeen.Next(null, Live, Morning);
        var stopped = BpjsSeen.Next(live, Will, Morning.AddMinutes(14));

        Assert.Equal(Morning.AddMinutes(14), stopped.OfflineSince);
        var (_, view) = LoketSession.WithBpjs(Empty, stopped.Status, stopped.OfflineSince);
        Assert.Equal("Jembatan BPJS tidak berjalan sejak 08.14: laporan antrean BPJS tertunda dan belum sampai ke BPJS. Hubungi teknisi.", view!.Backlog);
        Assert.Equal(["A-001: Laporan BPJS ditolak: Nomor kartu peserta tidak ditemukan"], view.OtherRefusals);
    }

    [Fact]
    public void The_will_again_keeps_the_first_time_seen()
    {
        var stopped = BpjsSeen.Next(BpjsSeen.Next(null, Live, Morning), Will, Morning.AddMinutes(14));

        // The session's broker link came back and the retained will arrived once more.
        var again = BpjsSeen.Next(stopped, Will, Morning.AddMinutes(40));

        Assert.Equal(Morning.AddMinutes(14), again.OfflineSince);
        Assert.Equal(1, again.Status.RefusedToday);
    }

    [Fact]
    public void A_session_that_finds_the_will_already_retained_says_it_without_a_time()
    {
        var found = BpjsSeen.Next(null, Will, Morning.AddHours(2));

        Assert.Null(found.OfflineSince);
        var (_, view) = LoketSession.WithBpjs(Empty, found.Status, found.OfflineSince);
        Assert.Equal("Jembatan BPJS tidak berjalan: laporan antrean BPJS tertunda dan belum sampai ke BPJS. Hubungi teknisi.", view!.Backlog);
        Assert.Empty(view.OtherRefusals);
    }

    [Fact]
    public void The_bridge_back_ends_the_line()
    {
        var stopped = BpjsSeen.Next(BpjsSeen.Next(null, Live, Morning), Will, Morning.AddMinutes(14));
        var clear = new BpjsBridgeStatus { At = Morning.AddMinutes(20), Backlog = 0, OldestWaitingSince = null, BacklogText = null, Refused = [], RefusedToday = 0 };

        var back = BpjsSeen.Next(stopped, clear, Morning.AddMinutes(20));

        Assert.Null(back.OfflineSince);
        Assert.Null(LoketSession.WithBpjs(Empty, back.Status, back.OfflineSince).Bpjs);
    }
}
