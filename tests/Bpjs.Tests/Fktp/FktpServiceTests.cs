using Kiosk.Bpjs.Text;
using Kiosk.Bpjs.Tests.Reporting;
using Kiosk.Contract.Bpjs;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>
/// The FKTP service as BPJS's Mobile JKN uses it, against the bridge's real host, the real broker and a small kiosk on
/// the private channel: a token, then each call of the catalogue, answered in BPJS's shape from the kiosk's answers.
/// </summary>
[Collection(BridgeCollectionDefinition.Name)]
public sealed class FktpServiceTests
{
    private static readonly TimeSpan Bound = FktpRig.TestBound;

    [Fact]
    public async Task A_booking_lives_through_token_status_ambil_sisa_and_batal()
    {
        await using var rig = await FktpRig.StartAsync();
        var jkn = rig.Caller;

        var token = await jkn.TokenAsync().WaitAsync(Bound);
        Assert.True(token.IsOk, token.Raw);
        Assert.Equal(BpjsTeks.FktpOk, token.Message);
        Assert.False(string.IsNullOrEmpty(jkn.Token));

        var empty = await jkn.StatusAsync("001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(empty.IsOk, empty.Raw);
        Assert.Equal(0, empty.Number("totalantrean"));
        Assert.Equal(string.Empty, empty.Text("antreanpanggil"));

        var ambil = await jkn.AmbilAsync("0001234567890", "3201010101010001", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(ambil.IsOk, ambil.Raw);
        Assert.Equal("A-001", ambil.Text("nomorantrean"));
        Assert.Equal(1, ambil.Number("angkaantrean"));
        Assert.Equal(0, ambil.Number("sisaantrean"));
        Assert.NotNull(ambil.Text("namapoli"));
        Assert.Contains("20261207A001", ambil.Text("keterangan"), StringComparison.Ordinal);

        var book = Assert.Single(rig.Kiosk.Requests, r => r.Type == BpjsRequestType.Book);
        Assert.Equal("P-UMUM", book.ServiceCode);
        Assert.Equal(FktpRig.Today, book.VisitDate);
        Assert.Equal("0001234567890", book.CardNumber);
        Assert.Equal("3201010101010001", book.Nik);

        var second = await jkn.AmbilAsync("0009876543210", "3201010101010002", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.Equal("A-002", second.Text("nomorantrean"));
        rig.Kiosk.CallUpTo("P-UMUM", FktpRig.Today, 1);

        var sisa = await jkn.SisaAsync("0009876543210", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(sisa.IsOk, sisa.Raw);
        Assert.Equal("A-002", sisa.Text("nomorantrean"));
        Assert.Equal(0, sisa.Number("sisaantrean"));
        Assert.Equal("A-001", sisa.Text("antreanpanggil"));

        var status = await jkn.StatusAsync("001", FktpRig.Today).WaitAsync(Bound);
        Assert.Equal(2, status.Number("totalantrean"));
        Assert.Equal(1, status.Number("sisaantrean"));
        Assert.Equal("A-001", status.Text("antreanpanggil"));

        var batal = await jkn.BatalAsync("0009876543210", "001", FktpRig.Today, "Berhalangan hadir").WaitAsync(Bound);
        Assert.True(batal.IsOk, batal.Raw);
        Assert.Null(batal.Response);
        var cancel = Assert.Single(rig.Kiosk.Requests, r => r.Type == BpjsRequestType.CancelBooking);
        Assert.Equal("Berhalangan hadir", cancel.Reason);

        var gone = await jkn.SisaAsync("0009876543210", "001", FktpRig.Today).WaitAsync(Bound);
        Assert.Equal(201, gone.Code);
        Assert.Equal(BpjsTeks.FktpBookingNotFound, gone.Message);
        Assert.Equal(200, gone.HttpStatus);

        var again = await jkn.BatalAsync("0009876543210", "001", FktpRig.Today, "Berhalangan hadir").WaitAsync(Bound);
        Assert.Equal(201, again.Code);
        Assert.Equal(BpjsTeks.FktpBookingNotFound, again.Message);
    }

    [Fact]
    public async Task Ambil_antrean_asked_again_for_the_same_card_poli_and_day_is_already_booked()
    {
        await using var rig = await FktpRig.StartAsync();

        var first = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "002", FktpRig.Today).WaitAsync(Bound);
        var replay = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "002", FktpRig.Today).WaitAsync(Bound);
        var otherDay = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "002", FktpRig.Today.AddDays(1)).WaitAsync(Bound);

        Assert.True(first.IsOk, first.Raw);
        Assert.Equal("B-001", first.Text("nomorantrean"));
        Assert.Equal(201, replay.Code);
        Assert.Equal(BpjsTeks.FktpAlreadyBooked, replay.Message);
        Assert.True(otherDay.IsOk, otherDay.Raw);
        Assert.Equal(2, rig.Kiosk.Bookings.Count);
    }

    [Fact]
    public async Task A_lost_kiosk_reply_is_asked_again_with_the_same_ticket_and_books_once()
    {
        await using var rig = await FktpRig.StartAsync(kioskTimeoutSeconds: 4);
        rig.Kiosk.SwallowBookReplies = 1;

        var ambil = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "001", FktpRig.Today).WaitAsync(Bound);

        Assert.True(ambil.IsOk, ambil.Raw);
        Assert.Equal("A-001", ambil.Text("nomorantrean"));
        var books = rig.Kiosk.Requests.Where(r => r.Type == BpjsRequestType.Book).ToList();
        Assert.Equal(2, books.Count);
        Assert.Equal(books[0].TicketId, books[1].TicketId);
        Assert.NotEqual(books[0].RequestId, books[1].RequestId);
        Assert.Single(rig.Kiosk.Bookings);
    }

    [Fact]
    public async Task A_kiosk_that_does_not_answer_gets_BPJS_a_try_again_in_its_shape()
    {
        await using var rig = await FktpRig.StartAsync(kioskTimeoutSeconds: 2);
        rig.Kiosk.Silent = true;

        var ambil = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "001", FktpRig.Today).WaitAsync(Bound);
        var status = await rig.Caller.StatusAsync("001", FktpRig.Today).WaitAsync(Bound);
        var batal = await rig.Caller.BatalAsync("0001234567890", "001", FktpRig.Today, "x").WaitAsync(Bound);

        Assert.Equal((201, BpjsTeks.FktpKioskAway), (ambil.Code, ambil.Message));
        Assert.Equal((201, BpjsTeks.FktpStatusAway), (status.Code, status.Message));
        Assert.Equal((201, BpjsTeks.FktpCancelAway), (batal.Code, batal.Message));

        // The kiosk is back: the next call is answered.
        rig.Kiosk.Silent = false;
        var next = await rig.Caller.StatusAsync("001", FktpRig.Today).WaitAsync(Bound);
        Assert.True(next.IsOk, next.Raw);
    }

    [Fact]
    public async Task The_kiosks_refusals_read_in_BPJS_words()
    {
        await using var rig = await FktpRig.StartAsync();

        // 009 is mapped in the bridge (P-LAB) but the kiosk issues no numbers for P-LAB.
        var unknownService = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "009", FktpRig.Today).WaitAsync(Bound);
        var past = await rig.Caller.AmbilAsync("0001234567890", "3201010101010001", "001", FktpRig.Today.AddDays(-1)).WaitAsync(Bound);
        var none = await rig.Caller.SisaAsync("0001234567890", "001", FktpRig.Today).WaitAsync(Bound);

        Assert.Equal((201, BpjsTeks.FktpUnknownPoli), (unknownService.Code, unknownService.Message));
        Assert.Equal((201, BpjsTeks.FktpDateNotBookable), (past.Code, past.Message));
        Assert.Equal((201, BpjsTeks.FktpBookingNotFound), (none.Code, none.Message));
    }
}
