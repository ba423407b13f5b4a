using System.Net;
using Kiosk.Screens.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Screens.Tests.Units;

/// <summary>The login limiter on a fake clock: thresholds, the doubling lock and its cap, reset, expiry, memory bound, log rate.</summary>
public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingLogger log = new();

    private LoginThrottle NewThrottle() => new(clock, log);

    private static void Fail(LoginThrottle throttle, int counter, string address)
    {
        Assert.True(throttle.TryBegin(counter, address, out _));
        throttle.Finish(counter, address, LoginOutcome.Refused);
    }

    [Fact]
    public void Five_failures_lock_the_counter_for_one_second_then_the_lock_doubles_up_to_five_minutes()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, 1, "10.0.0.1");
        }

        Fail(throttle, 1, "10.0.0.1");
        Assert.False(throttle.TryBegin(1, "10.0.0.2", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal("Terlalu banyak percobaan, coba lagi dalam 1 detik.", LoginThrottle.Message(wait));

        var expected = 1;
        for (var failure = 6; failure <= 16; failure++)
        {
            clock.Advance(TimeSpan.FromSeconds(expected));
            Fail(throttle, 1, $"10.0.1.{failure}");
            expected = Math.Min(expected * 2, 300);
            Assert.False(throttle.TryBegin(1, "10.0.0.3", out wait));
            Assert.Equal(TimeSpan.FromSeconds(expected), wait);
        }

        Assert.Equal(300, expected);
    }

    [Fact]
    public void A_success_clears_the_count_and_another_counter_is_not_locked()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, 2, $"10.0.0.{i}");
        }

        Assert.True(throttle.TryBegin(3, "10.0.9.9", out _));
        throttle.Finish(3, "10.0.9.9", LoginOutcome.Accepted);
        Assert.True(throttle.TryBegin(2, "10.0.0.50", out _));
        throttle.Finish(2, "10.0.0.50", LoginOutcome.Accepted);

        // Four more failures do not lock: the count started again.
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, 2, $"10.0.0.{i}");
        }

        Assert.True(throttle.TryBegin(2, "10.0.0.60", out _));
        throttle.Finish(2, "10.0.0.60", LoginOutcome.Unreachable);
    }

    [Fact]
    public void One_address_guessing_several_counters_is_locked_by_address()
    {
        var throttle = NewThrottle();
        for (var counter = 1; counter <= 5; counter++)
        {
            Fail(throttle, counter, "10.0.0.7");
        }

        Assert.False(throttle.TryBegin(6, "10.0.0.7", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.True(throttle.TryBegin(6, "10.0.0.8", out _));
    }

    [Fact]
    public void A_second_attempt_for_a_counter_while_one_is_at_the_broker_is_refused()
    {
        var throttle = NewThrottle();
        Assert.True(throttle.TryBegin(4, "10.0.0.1", out _));
        Assert.False(throttle.TryBegin(4, "10.0.0.2", out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        throttle.Finish(4, "10.0.0.1", LoginOutcome.Refused);
        Assert.True(throttle.TryBegin(4, "10.0.0.2", out _));
    }

    [Fact]
    public void A_flood_from_many_addresses_stays_bounded_and_the_counter_lock_still_holds()
    {
        // Every counter guessed from a fresh address each round, as fast as the locks allow: refused passwords are the
        // only thing that keeps an address entry, so this is the fastest way to grow the table.
        var throttle = NewThrottle();
        var next = 0;
        var largest = 0;
        for (var round = 0; round < 150; round++)
        {
            for (var counter = 1; counter <= LoketSessions.MaxCounter; counter++)
            {
                var address = $"10.{(next >> 16) & 255}.{(next >> 8) & 255}.{next & 255}";
                next++;
                if (throttle.TryBegin(counter, address, out _))
                {
                    throttle.Finish(counter, address, LoginOutcome.Refused);
                }
            }

            largest = Math.Max(largest, throttle.AddressCount);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(LoginThrottle.MaxAddresses, largest);
        Assert.False(throttle.TryBegin(9, "192.168.1.1", out var wait));
        Assert.True(wait > TimeSpan.FromSeconds(10), $"counter 9 is locked for {wait}");
    }

    [Fact]
    public void Entries_are_forgotten_after_a_quiet_quarter_hour()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, 5, "10.0.0.1");
        }

        Assert.Equal(1, throttle.AddressCount);
        clock.Advance(LoginThrottle.ForgetAfter);
        Fail(throttle, 6, "10.0.0.2");

        // The old address is gone, and counter 5's four failures too: four more still do not lock it.
        Assert.Equal(1, throttle.AddressCount);
        for (var i = 0; i < 4; i++)
        {
            Fail(throttle, 5, "10.0.0.3");
        }

        Assert.True(throttle.TryBegin(5, "10.0.0.4", out _));
    }

    [Fact]
    public void Failures_are_logged_at_most_once_per_counter_per_minute_with_the_count_left_out()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 300; i++)
        {
            if (throttle.TryBegin(1, $"10.0.{i >> 8}.{i & 255}", out _))
            {
                throttle.Finish(1, $"10.0.{i >> 8}.{i & 255}", LoginOutcome.Refused);
            }
        }

        Assert.Single(log.Lines);
        clock.Advance(LoginThrottle.LogWindow);
        Fail(throttle, 1, "10.9.9.9");
        Assert.Equal(2, log.Lines.Count);
        Assert.Contains("299 login lines for this loket left out", log.Lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.1.20", "192.168.1.20")]
    [InlineData("::ffff:192.168.1.20", "192.168.1.20")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void Addresses_are_keyed_by_ipv4_or_ipv6_slash_64(string address, string key) =>
        Assert.Equal(key, LoginThrottle.AddressKey(IPAddress.Parse(address)));

    private sealed class CountingLogger : ILogger<LoginThrottle>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
