using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Kiosk.Queue.Snapshot;

namespace Kiosk.Queue.Tests;

/// <summary>
/// Mobile JKN bookings and the fair order (README, "Mobile JKN: urutan yang adil"): a real number of the day's sequence
/// at booking; never called before check-in; an early check-in keeps its place, a late one queues as a walk-in then.
/// </summary>
public sealed class BookingTests
{
    private const string Card = "0001234567890";
    private const string OtherCard = "0009876543210";
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestSite.Morning.DateTime);

    private static Ticket Book(EngineHarness h, string card = Card, Guid? id = null, string service = "A")
    {
        var result = h.Engine.Book(new BookingRequest(id ?? Guid.NewGuid(), service, Today, card));
        Assert.True(result.Succeeded, result.Message);
        return result.Ticket;
    }

    private static Ticket CheckIn(EngineHarness h, Ticket booking)
    {
        var result = h.Engine.CheckInByCode(booking.BookingCode!);
        Assert.NotNull(result);
        Assert.True(result.Succeeded, result.PatientMessage);
        Assert.True(h.Engine.MarkPrinted(result.Ticket.Id).Succeeded);
        return h.Engine.FindTicket(result.Ticket.Id)!;
    }

    private static string Called(CommandResult result) => result.Ticket!.Number;

    [Fact]
    public void Booking_numbers_interleave_with_walk_ins_in_one_sequence()
    {
        using var h = new EngineHarness();
        var first = h.Issue();
        var booked = Book(h);
        var second = h.Issue();

        Assert.Equal(["A-001", "A-002", "A-003"], new[] { first.Number, booked.Number, second.Number });
        Assert.Equal("20260302A002", booked.BookingCode);
        Assert.Equal(TicketSource.Booking, booked.Source);
        Assert.Equal(new Kiosk.Queue.Model.CardData(CardKind.Bpjs, Card), booked.CardData);
        Assert.Equal("A-003", h.Engine.GetSnapshot().Services.Single(s => s.ServiceCode == "A").LastNumber);
    }

    [Fact]
    public void A_booking_is_not_called_before_check_in_and_the_call_does_not_mark_it()
    {
        using var h = new EngineHarness();
        var booked = Book(h);
        var walkIn = h.Issue();

        Assert.Equal(walkIn.Number, Called(h.Ok("L1", CommandType.CallNext)));
        h.Ok("L1", CommandType.Serve);
        Assert.Equal(ErrorCode.NothingToCall, h.Run("L1", CommandType.CallNext).Error!.Code);
        var untouched = h.Engine.FindTicket(booked.Id)!;
        Assert.Equal(TicketState.Waiting, untouched.State);
        Assert.Equal(0, untouched.CallCount);
        Assert.Null(untouched.FirstCalledAt);
        Assert.Empty(h.Engine.PendingPrints());
        Assert.DoesNotContain(h.Engine.GetSnapshot().Services.Single(s => s.ServiceCode == "A").Waiting, w => w.TicketId == booked.Id);
        Assert.False(h.Engine.MarkPrinted(booked.Id).Succeeded);
    }

    [Fact]
    public void An_early_check_in_keeps_the_number_s_place()
    {
        using var h = new EngineHarness();
        var first = h.Issue();
        var booked = Book(h);
        var third = h.Issue();
        Assert.Equal(first.Number, Called(h.Ok("L1", CommandType.CallNext)));
        h.Ok("L1", CommandType.Serve);

        var checkedIn = CheckIn(h, booked);

        Assert.Equal(booked.QueueKey, checkedIn.QueueKey);
        Assert.Equal(booked.Number, Called(h.Ok("L1", CommandType.CallNext)));
        h.Ok("L1", CommandType.Serve);
        Assert.Equal(third.Number, Called(h.Ok("L1", CommandType.CallNext)));
    }

    [Fact]
    public void A_late_check_in_queues_behind_everyone_waiting_then_and_keeps_its_number()
    {
        using var h = new EngineHarness();
        var booked = Book(h);
        var second = h.Issue();
        var third = h.Issue();
        Assert.Equal(second.Number, Called(h.Ok("L1", CommandType.CallNext)));

        var checkedIn = CheckIn(h, booked);
        var fourth = h.Issue();

        Assert.Equal("A-001", checkedIn.Number);
        Assert.True(checkedIn.QueueKey > third.QueueKey);
        h.Ok("L1", CommandType.Serve);
        Assert.Equal(third.Number, Called(h.Ok("L1", CommandType.CallNext)));
        h.Ok("L1", CommandType.Serve);
        Assert.Equal(checkedIn.Number, Called(h.Ok("L1", CommandType.CallNext)));
        h.Ok("L1", CommandType.Serve);
        Assert.Equal(fourth.Number, Called(h.Ok("L1", CommandType.CallNext)));
    }

    [Fact]
    public void The_same_request_asked_again_books_once_and_a_second_booking_of_the_card_is_refused()
    {
        using var h = new EngineHarness();
        var id = Guid.NewGuid();
        var booked = Book(h, id: id);

        var again = h.Engine.Book(new BookingRequest(id, "A", Today, Card));
        var other = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, Card));
        var otherService = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "B", Today, Card));
        var reusedId = h.Engine.Book(new BookingRequest(id, "A", Today, OtherCard));

        Assert.True(again.Succeeded);
        Assert.Equal(booked, again.Ticket);
        Assert.Equal(BpjsErrorCode.AlreadyBooked, other.ErrorCode);
        Assert.Equal(booked.Id, other.Ticket!.Id);
        Assert.True(otherService.Succeeded);
        Assert.Equal(BpjsErrorCode.BadRequest, reusedId.ErrorCode);
        Assert.Single(h.Engine.ReadEvents(0, 100), e => e.Type == EventTypes.TicketBooked && e.Payload.Contains(id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_booking_requests_are_refused_with_their_codes()
    {
        using var h = new EngineHarness();

        Assert.Equal(BpjsErrorCode.BadRequest, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, "12345")).ErrorCode);
        Assert.Equal(BpjsErrorCode.BadRequest, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, "000123456789X")).ErrorCode);
        Assert.Equal(BpjsErrorCode.UnknownService, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "Z", Today, Card)).ErrorCode);
        Assert.Equal(BpjsErrorCode.UnknownService, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "UMUM", Today, Card)).ErrorCode);
        var tooFar = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today.AddDays(8), Card));
        Assert.Equal(BpjsErrorCode.DateNotBookable, tooFar.ErrorCode);
        Assert.Equal("Booking bisa untuk tanggal 02-03-2026 sampai 09-03-2026.", tooFar.Message);
        Assert.Equal(BpjsErrorCode.DateNotBookable, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today.AddDays(-1), Card)).ErrorCode);
        Assert.Equal(BpjsErrorCode.BookingNotFound, h.Engine.FindBooking("A", Today, Card).ErrorCode);
        Assert.Equal(BpjsErrorCode.BookingNotFound, h.Engine.CancelBooking("A", Today, Card, null).ErrorCode);
        Assert.Null(h.Engine.QueueStatus("Z", Today));
        Assert.Null(h.Engine.QueueStatus("A", Today.AddDays(8)));
        Assert.Null(h.Engine.QueueStatus("A", Today.AddDays(-1)));
        Assert.Empty(h.Engine.TodayTickets());
    }

    [Fact]
    public void BPJS_cancels_a_booking_the_event_says_so_and_a_scan_of_its_code_is_told_in_one_sentence()
    {
        using var h = new EngineHarness();
        var booked = Book(h);

        var cancelled = h.Engine.CancelBooking("A", Today, Card, "pasien berhalangan");
        var scan = h.Engine.CheckInByCode(booked.BookingCode!);
        var again = h.Engine.CancelBooking("A", Today, Card, null);
        var rebooked = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, Card));

        Assert.True(cancelled.Succeeded);
        Assert.Equal(TicketState.Cancelled, cancelled.Ticket.State);
        var data = ContractJson.Deserialize<TicketData>(h.Engine.ReadEvents(0, 100).Last(e => e.Type == EventTypes.TicketCancelled).Payload);
        Assert.True(data.CancelledByBpjs);
        Assert.True(data.MobileJkn);
        Assert.False(scan!.Succeeded);
        Assert.Equal("Booking ini sudah dibatalkan. Silakan ambil nomor antrean baru.", scan.PatientMessage);
        Assert.Equal(BpjsErrorCode.BookingFinished, again.ErrorCode);
        Assert.True(rebooked.Succeeded);
        Assert.NotEqual(booked.Number, rebooked.Ticket.Number);
    }

    [Fact]
    public void A_called_booking_cannot_be_cancelled_by_BPJS()
    {
        using var h = new EngineHarness();
        var booked = Book(h);
        CheckIn(h, booked);
        h.Ok("L1", CommandType.CallNext);

        var cancel = h.Engine.CancelBooking("A", Today, Card, null);

        Assert.Equal(BpjsErrorCode.BookingFinished, cancel.ErrorCode);
        Assert.Equal(TicketState.Called, h.Engine.FindTicket(booked.Id)!.State);
    }

    [Fact]
    public void Status_counts_what_is_still_to_be_called_before_the_booking()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();
        var booked = Book(h);
        h.Issue();
        Assert.Equal("A-001", Called(h.Ok("L1", CommandType.CallNext)));

        var status = h.Engine.FindBooking("A", Today, Card);
        var queue = h.Engine.QueueStatus("A", Today)!;

        Assert.Equal(1, h.Engine.WaitingAhead(status.Ticket!));
        Assert.Equal("A-001", h.Engine.NowCalling("A"));
        Assert.Equal(4, queue.Total);
        Assert.Equal(3, queue.Remaining);
        Assert.Equal("A-001", queue.NowCalling);
    }

    [Fact]
    public void A_JKN_card_that_holds_a_booking_checks_it_in_and_a_card_without_one_does_not()
    {
        using var h = new EngineHarness();
        var booked = Book(h);

        var byCard = h.Engine.CheckInByCard(Card);
        var other = h.Engine.CheckInByCard(OtherCard);
        var again = h.Engine.CheckInByCode(booked.BookingCode!);
        h.Engine.MarkPrinted(booked.Id);
        var printed = h.Engine.CheckInByCode(booked.BookingCode!);

        Assert.True(byCard!.Succeeded);
        Assert.True(byCard.CheckedInNow);
        Assert.Null(other);
        Assert.True(again!.Succeeded);
        Assert.False(again.CheckedInNow);
        Assert.False(printed!.Succeeded);
        Assert.Contains(booked.Number, printed.PatientMessage, StringComparison.Ordinal);
        Assert.Null(h.Engine.CheckInByCode("20260302A099"));
        Assert.Contains(booked.Number, h.Engine.CheckInByCard(Card)!.PatientMessage, StringComparison.Ordinal);
        h.Ok("L1", CommandType.CallNext);
        Assert.Null(h.Engine.CheckInByCard(Card));
    }

    [Fact]
    public void A_booking_never_checked_in_expires_at_the_day_close()
    {
        using var h = new EngineHarness();
        var booked = Book(h);

        var close = h.Engine.CloseDay(Today);

        Assert.Equal(1, close.ExpiredTickets);
        Assert.Equal(TicketState.Expired, h.Engine.FindTicket(booked.Id)!.State);
        Assert.Equal(BpjsErrorCode.DateNotBookable, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, OtherCard)).ErrorCode);
        var scan = h.Engine.CheckInByCode(booked.BookingCode!);
        Assert.Equal("Booking ini sudah selesai dipakai. Silakan tanya petugas pendaftaran.", scan!.PatientMessage);
    }

    [Fact]
    public void Bookings_and_check_ins_survive_a_restart_from_the_ticket_log()
    {
        using var h = new EngineHarness();
        var waiting = Book(h);
        var checkedIn = Book(h, OtherCard);
        CheckIn(h, checkedIn);
        var cancelledId = Book(h, "0005555555555").Id;
        h.Engine.CancelBooking("A", Today, "0005555555555", "batal");

        h.Reopen();

        var reread = h.Engine.FindTicket(waiting.Id)!;
        Assert.True(reread.AwaitsCheckIn);
        Assert.Equal(waiting.BookingCode, reread.BookingCode);
        Assert.NotNull(h.Engine.FindTicket(checkedIn.Id)!.CheckedInAt);
        Assert.True(h.Engine.FindTicket(cancelledId)!.CancelledByBpjs);
        Assert.Equal(BpjsErrorCode.AlreadyBooked, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, Card)).ErrorCode);
        Assert.Equal(checkedIn.Number, Called(h.Ok("L1", CommandType.CallNext)));
        Assert.Equal("A-004", h.Issue().Number);
    }

    [Fact]
    public void The_projection_of_the_events_equals_the_snapshot_with_bookings()
    {
        using var h = new EngineHarness();
        h.Issue();
        var early = Book(h);
        var late = Book(h, OtherCard);
        h.Issue();
        CheckIn(h, early);
        h.Ok("L1", CommandType.CallNext);
        h.Ok("L1", CommandType.Serve);
        h.Ok("L1", CommandType.CallNext);
        CheckIn(h, late);
        Book(h, "0005555555555");

        var projection = new SnapshotProjection(h.Options);
        foreach (var e in h.Engine.ReadEvents(0, 100))
        {
            projection.Apply(e);
        }

        Assert.Equal(ContractJson.Serialize(h.Engine.GetSnapshot()), ContractJson.Serialize(projection.Build()));
    }

    [Fact]
    public void A_checked_in_booking_whose_print_failed_waits_for_a_reprint_and_one_not_checked_in_does_not()
    {
        using var h = new EngineHarness();
        var waiting = Book(h);
        var arrived = Book(h, OtherCard);

        var checkIn = h.Engine.CheckInByCode(arrived.BookingCode!)!;
        Assert.True(h.Engine.MarkPrintFailed(arrived.Id).Succeeded);

        Assert.Equal([arrived.Id], h.Engine.PendingPrints().Select(t => t.Id));
        Assert.True(checkIn.CheckedInNow);
        Assert.DoesNotContain(h.Engine.PendingPrints(), t => t.Id == waiting.Id);
        Assert.Equal(ErrorCode.NothingToCall, h.Run("L1", CommandType.CallNext).Error!.Code);
        Assert.Equal(arrived.Id, h.Engine.CheckInByCode(arrived.BookingCode!)!.Ticket!.Id);
    }

    [Fact]
    public void Bookings_count_toward_the_daily_cap()
    {
        using var h = new EngineHarness(tweak: o => o.Services[0].DailyCap = 2);
        h.Issue();
        Book(h);

        var refused = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, OtherCard));

        Assert.Equal(BpjsErrorCode.DateNotBookable, refused.ErrorCode);
        Assert.StartsWith("Kuota habis", refused.Message, StringComparison.Ordinal);
        Assert.False(h.Engine.IssueTicket(TestSite.Request()).Succeeded);
    }

    [Fact]
    public void An_officer_s_cancel_of_a_booking_is_not_marked_as_BPJS_s()
    {
        using var h = new EngineHarness();
        var booked = Book(h);

        h.Ok("L1", CommandType.Cancel, c => c with { TicketNumber = booked.Number });

        var data = ContractJson.Deserialize<TicketData>(h.Engine.ReadEvents(0, 100).Last(e => e.Type == EventTypes.TicketCancelled).Payload);
        Assert.False(data.CancelledByBpjs);
        Assert.True(data.MobileJkn);
        Assert.Equal(BpjsErrorCode.BookingFinished, h.Engine.CancelBooking("A", Today, Card, null).ErrorCode);
    }
}
