using System.Net;
using Kiosk.Screens.Patients;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Screens.Tests.Units;

public sealed class PatientPageGuardTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_address_gets_its_lookups_per_window_and_then_waits_for_the_next_window()
    {
        var guard = new PatientPageGuard(clock);
        var scanner = IPAddress.Parse("10.0.0.7");
        for (var i = 0; i < PatientPageGuard.LookupsPerWindow; i++)
        {
            Assert.Equal(PatientPageGuard.Refusal.None, guard.TryLookup(scanner));
        }

        Assert.Equal(PatientPageGuard.Refusal.TooMany, guard.TryLookup(scanner));
        Assert.Equal(PatientPageGuard.Refusal.None, guard.TryLookup(IPAddress.Parse("10.0.0.8")));

        clock.Advance(PatientPageGuard.Window);
        Assert.Equal(PatientPageGuard.Refusal.None, guard.TryLookup(scanner));
    }

    [Fact]
    public void Streams_are_limited_per_address_and_a_closed_stream_frees_its_slot()
    {
        var guard = new PatientPageGuard(clock);
        var phone = IPAddress.Parse("10.0.0.9");
        var leases = new List<IDisposable>();
        for (var i = 0; i < PatientPageGuard.StreamsPerAddress; i++)
        {
            Assert.Equal(PatientPageGuard.Refusal.None, guard.TryOpenStream(phone, out var lease));
            leases.Add(lease!);
        }

        Assert.Equal(PatientPageGuard.Refusal.TooMany, guard.TryOpenStream(phone, out _));
        leases[0].Dispose();
        leases[0].Dispose();
        Assert.Equal(PatientPageGuard.StreamsPerAddress - 1, guard.OpenStreams);
        Assert.Equal(PatientPageGuard.Refusal.None, guard.TryOpenStream(phone, out var again));
        again!.Dispose();
    }

    [Fact]
    public void Memory_is_bounded_under_a_flood_of_addresses_and_quiet_ones_make_room()
    {
        var guard = new PatientPageGuard(clock);
        for (var i = 0; i < PatientPageGuard.MaxAddresses; i++)
        {
            Assert.Equal(PatientPageGuard.Refusal.None, guard.TryLookup(new IPAddress(0x0A000000u + (uint)i)));
        }

        Assert.Equal(PatientPageGuard.Refusal.Busy, guard.TryLookup(IPAddress.Parse("192.168.9.9")));
        clock.Advance(PatientPageGuard.Window);
        Assert.Equal(PatientPageGuard.Refusal.None, guard.TryLookup(IPAddress.Parse("192.168.9.9")));
    }
}
