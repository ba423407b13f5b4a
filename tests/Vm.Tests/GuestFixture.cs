using Kiosk.Vm.Tests.Support;

namespace Kiosk.Vm.Tests;

/// <summary>
/// The one virtual Pi of a run: booted and installed once (under TCG that is minutes), shared by every test class in
/// <see cref="VirtualPi"/>. Each test leaves it as it found it: the kiosk active, its configuration unchanged.
/// </summary>
public sealed class GuestFixture : IAsyncLifetime
{
    internal KioskGuest? Guest { get; private set; }

    internal string? Missing { get; private set; }

    public async Task InitializeAsync()
    {
        Missing = VmTier.WhyLeftOut();
        if (Missing is not null)
        {
            return;
        }

        (Guest, Missing) = await KioskGuest.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Guest is not null)
        {
            await Guest.DisposeAsync();
        }
    }
}
