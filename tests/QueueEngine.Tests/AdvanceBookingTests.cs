using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Microsoft.Data.Sqlite;

namespace Kiosk.Queue.Tests;

/// <summary>
/// Mobile JKN bookings for a later day (README, "Mobile JKN: urutan yang adil"): the day's first numbers in booking
/// order, held apart and off the wire until the day opens, then that day's first tickets, ahead of every walk-in.
/// </summary>
public sealed class AdvanceBookingTests
{
    private const string Card = "0001234567890";
    private const string OtherCard = "0009876543210";
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestSite.Morning.DateTime);
    private static readonly DateOnly Tomorrow = Today.AddDays(1);

    private static Ticket BookFor(EngineHarness h, DateOnly day, string card = Card, Guid? id = null)
    {
        var result = h.Engine.Book(new BookingRequest(id ?? Guid.NewGuid(), "A", day, card));
        Assert.True(result.Succeeded, result.Message);
        return result.Ticket;
    }

    /// <summary>The next morning at 07:00, site time, and the engine's rollover run as its timer would.</summary>
    private static void NextMorning(EngineHarness h)
    {
        h.Time.Advance(TimeSpan.FromHours(23.5));
        Assert.True(h.Engine.CloseDayIfDue());
    }

    [Fact]
    public void A_later_day_s_bookings_take_its_first_numbers_and_touch_neither_today_nor_the_wire()
    {
        using var h = new EngineHarness();
        var walkIn = h.Issue();
        var eventsBefore = h.Engine.ReadEvents(0, 1000).Count;

        var first = BookFor(h, Tomorrow);
        var second = BookFor(h, Tomorrow, OtherCard);
        var later = BookFor(h, Today.AddDays(7));

        Assert.Equal(["A-001", "A-002", "A-001"], new[] { first.Number, second.Number, later.Number });
        Assert.Equal("20260303A001", first.BookingCode);
        Assert.Equal(Tomorrow, first.BusinessDay);
        Assert.Equal(eventsBefore, h.Engine.ReadEvents(0, 1000).Count);
        Assert.Equal([walkIn.Id], h.Engine.TodayTickets().Select(t => t.Id));
        Assert.Equal("A-002", h.Issue().Number);
        Assert.Equal(new ServiceQueueStatus("A", Tomorrow, 2, 2, null), h.Engine.QueueStatus("A", Tomorrow));
        Assert.Equal(1, h.Engine.WaitingAhead(second));
        Assert.Equal("Booking nomor A-002: 1 antrean lagi sebelum nomor ini.", h.Engine.FindBooking("A", Tomorrow, OtherCard).Message);
    }

    [Fact]
    public void One_booking_per_card_and_day_and_a_repeated_request_books_once()
    {
        using var h = new EngineHarness();
        var id = Guid.NewGuid();
        var booked = BookFor(h, Tomorrow, id: id);

        var again = h.Engine.Book(new BookingRequest(id, "A", Tomorrow, Card));
        var secondOfCard = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Tomorrow, Card));
        var otherDay = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today.AddDays(2), Card));

        Assert.True(again.Succeeded);
        Assert.Equal(booked.Number, again.Ticket.Number);
        Assert.Equal(BpjsErrorCode.AlreadyBooked, secondOfCard.ErrorCode);
        Assert.Equal(booked.Id, secondOfCard.Ticket!.Id);
        Assert.True(otherDay.Succeeded, otherDay.Message);
        Assert.Equal(new ServiceQueueStatus("A", Tomorrow, 1, 1, null), h.Engine.QueueStatus("A", Tomorrow));
    }

    [Fact]
    public void The_day_s_opening_makes_its_bookings_the_first_tickets_ahead_of_every_walk_in()
    {
        using var h = new EngineHarness();
        var bookedAt = h.Time.GetUtcNow();
        var first = BookFor(h, Tomorrow);
        var second = BookFor(h, Tomorrow, OtherCard);
        var lastBefore = h.Engine.ReadEvents(0, 1000)[^1].Sequence;

        NextMorning(h);
        var walkIn = h.Issue();

        var events = h.Engine.ReadEvents(lastBefore, 1000);
        var opened = events.SkipWhile(e => e.Type != EventTypes.DayOpened).ToList();
        Assert.Equal([EventTypes.DayOpened, EventTypes.TicketBooked, EventTypes.TicketBooked, EventTypes.TicketIssued],
            opened.Take(4).Select(e => e.Type));
        var data = ContractJson.Deserialize<BookingData>(opened[1].Payload);
        Assert.Equal((first.Id, "A-001", Tomorrow), (data.TicketId, data.Number, data.BusinessDay));
        Assert.Equal(bookedAt, data.BookedAt);
        Assert.Equal("A-003", walkIn.Number);
        var ticket = h.Engine.FindTicket(first.Id)!;
        Assert.True(ticket.AwaitsCheckIn);
        Assert.Equal(Tomorrow, ticket.BusinessDay);
        Assert.True(ticket.QueueKey < walkIn.QueueKey);

        // Both patients come before anyone of the day is called: their numbers keep their places, ahead of the walk-in.
        foreach (var booking in new[] { second, first })
        {
            var checkIn = h.Engine.CheckInByCode(booking.BookingCode!)!;
            Assert.True(checkIn.CheckedInNow, checkIn.PatientMessage);
            Assert.True(h.Engine.MarkPrinted(booking.Id).Succeeded);
        }

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add(h.Ok("L1", CommandType.CallNext).Ticket!.Number);
            h.Ok("L1", CommandType.Serve);
        }

        Assert.Equal(["A-001", "A-002", "A-003"], order);
        Assert.Empty(AdvanceRows(h));
    }

    [Fact]
    public void Advance_bookings_survive_a_restart_and_the_opening_after_it()
    {
        using var h = new EngineHarness();
        var booked = BookFor(h, Tomorrow);

        h.Reopen();
        Assert.Equal(BpjsErrorCode.AlreadyBooked, h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Tomorrow, Card)).ErrorCode);
        Assert.Equal("A-002", BookFor(h, Tomorrow, OtherCard).Number);
        h.Time.Advance(TimeSpan.FromHours(23.5));
        h.Reopen();

        Assert.Equal(Tomorrow, h.Engine.BusinessDay);
        Assert.Equal(["A-001", "A-002"], h.Engine.TodayTickets().Select(t => t.Number));
        Assert.Equal(booked.PatientToken, h.Engine.FindTicket(booked.Id)!.PatientToken);
        Assert.Empty(AdvanceRows(h));
    }

    [Fact]
    public void A_booking_cancelled_before_its_day_keeps_its_number_used_and_opens_cancelled()
    {
        using var h = new EngineHarness();
        var cancelledOne = BookFor(h, Tomorrow);

        var cancel = h.Engine.CancelBooking("A", Tomorrow, Card, "batal dari Mobile JKN");
        var again = h.Engine.CancelBooking("A", Tomorrow, Card, null);
        var next = BookFor(h, Tomorrow, OtherCard);
        var rebook = BookFor(h, Tomorrow);

        Assert.True(cancel.Succeeded, cancel.Message);
        Assert.Equal(BpjsErrorCode.BookingFinished, again.ErrorCode);
        Assert.Equal(("A-002", "A-003"), (next.Number, rebook.Number));
        Assert.Equal(new ServiceQueueStatus("A", Tomorrow, 3, 2, null), h.Engine.QueueStatus("A", Tomorrow));

        var lastBefore = h.Engine.ReadEvents(0, 1000)[^1].Sequence;
        NextMorning(h);

        var types = h.Engine.ReadEvents(lastBefore, 1000).SkipWhile(e => e.Type != EventTypes.DayOpened).Select(e => e.Type).ToList();
        Assert.Equal([EventTypes.DayOpened, EventTypes.TicketBooked, EventTypes.TicketCancelled, EventTypes.TicketBooked, EventTypes.TicketBooked], types);
        var cancelled = h.Engine.FindTicket(cancelledOne.Id)!;
        Assert.Equal((TicketState.Cancelled, true, "batal dari Mobile JKN"), (cancelled.State, cancelled.CancelledByBpjs, cancelled.Note));
        Assert.Equal(Kiosk.Queue.Text.Teks.Booking.CodeCancelled, h.Engine.CheckInByCode(cancelledOne.BookingCode!)!.PatientMessage);
        Assert.Equal(rebook.Id, h.Engine.CheckInByCard(Card)!.Ticket!.Id);
    }

    [Fact]
    public void Bookings_of_a_day_the_kiosk_never_opened_are_dropped_at_the_next_opening()
    {
        using var dir = new TempDir();
        var time = TestClock.At(TestSite.Morning);
        var logger = new CapturingLogger();
        var options = TestSite.Options(dir.Db);
        using (var engine = QueueEngine.Open(options, time, logger))
        {
            Assert.True(engine.Book(new BookingRequest(Guid.NewGuid(), "A", Tomorrow, Card)).Succeeded);
            Assert.True(engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today.AddDays(2), OtherCard)).Succeeded);
        }

        // Off all of tomorrow (a power cut): the kiosk comes back the day after.
        time.Advance(TimeSpan.FromDays(2));
        using var reopened = QueueEngine.Open(options, time, logger);

        Assert.Equal(["A-001"], reopened.TodayTickets().Select(t => t.Number));
        Assert.Equal(OtherCard, reopened.TodayTickets().Single().CardData!.Number);
        Assert.Contains(logger.Entries, e => e.Message.Contains("1 Mobile JKN bookings made on earlier days", StringComparison.Ordinal)
            && e.Message.Contains("1 bookings of days the kiosk never opened dropped", StringComparison.Ordinal));
        using var connection = new SqliteConnection($"Data Source={dir.Db};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM advance_bookings";
        Assert.Equal(0L, count.ExecuteScalar());
    }

    [Fact]
    public void Which_days_are_bookable_follows_the_day_close_and_the_horizon()
    {
        using var h = new EngineHarness(tweak: o => o.BookingDaysAhead = 2);
        Assert.Equal((Today, Today.AddDays(2)), h.Engine.BookableDays());

        var past = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today.AddDays(-1), Card));
        var tooFar = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today.AddDays(3), Card));
        Assert.Equal(BpjsErrorCode.DateNotBookable, past.ErrorCode);
        Assert.Equal("Booking bisa untuk tanggal 02-03-2026 sampai 04-03-2026.", tooFar.Message);
        Assert.Null(h.Engine.QueueStatus("A", Today.AddDays(3)));
        Assert.Equal(BpjsErrorCode.DateNotBookable, h.Engine.FindBooking("A", Today.AddDays(-1), Card).ErrorCode);

        Assert.True(h.Engine.CloseDay(Today).Succeeded);
        var closed = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, Card));
        Assert.Equal(BpjsErrorCode.DateNotBookable, closed.ErrorCode);
        Assert.Equal("Booking bisa untuk tanggal 03-03-2026 sampai 04-03-2026.", closed.Message);
        Assert.True(h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Tomorrow, Card)).Succeeded);
    }

    [Fact]
    public void With_no_days_ahead_only_the_running_day_is_bookable()
    {
        using var h = new EngineHarness(tweak: o => o.BookingDaysAhead = 0);

        Assert.Equal("Booking hanya bisa untuk tanggal 02-03-2026.", h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Tomorrow, Card)).Message);
        Assert.True(h.Engine.CloseDay(Today).Succeeded);
        Assert.Equal("Pelayanan tanggal 02-03-2026 sudah ditutup; booking untuk hari lain belum dibuka.",
            h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Today, Card)).Message);
    }

    [Fact]
    public void A_later_day_s_bookings_count_toward_its_daily_cap_and_leave_today_s_alone()
    {
        using var h = new EngineHarness(tweak: o => o.Services[0].DailyCap = 1);
        BookFor(h, Tomorrow);

        var refused = h.Engine.Book(new BookingRequest(Guid.NewGuid(), "A", Tomorrow, OtherCard));

        Assert.Equal(BpjsErrorCode.DateNotBookable, refused.ErrorCode);
        Assert.StartsWith("Kuota habis", refused.Message, StringComparison.Ordinal);
        Assert.Equal("A-001", h.Issue().Number);
        NextMorning(h);
        Assert.False(h.Engine.IssueTicket(TestSite.Request()).Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31)]
    public void A_horizon_out_of_range_names_its_key(int days)
    {
        using var dir = new TempDir();
        var error = Assert.Throws<Kiosk.Queue.Configuration.QueueConfigurationException>(() =>
            QueueEngine.ValidateConfiguration(TestSite.Options(dir.Db, tweak: o => o.BookingDaysAhead = days)));

        Assert.Contains("BookingDaysAhead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_booking_s_wait_counts_from_its_check_in()
    {
        using var h = new EngineHarness();
        var booked = BookFor(h, Today);
        h.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(h.Engine.CheckInByCode(booked.BookingCode!)!.CheckedInNow);
        Assert.True(h.Engine.MarkPrinted(booked.Id).Succeeded);
        h.Time.Advance(TimeSpan.FromMinutes(10));

        h.Ok("L1", CommandType.CallNext);

        Assert.Equal(TimeSpan.FromMinutes(10), h.Engine.FindTicket(booked.Id)!.WaitTime);
    }

    private static List<string> AdvanceRows(EngineHarness h)
    {
        using var connection = new SqliteConnection($"Data Source={h.Dir.Db};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM advance_bookings";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
