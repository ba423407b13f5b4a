using Kiosk.Bpjs.Booking;
using Kiosk.Bpjs.Fktp;
using Kiosk.Bpjs.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Bpjs.Cards;

/// <summary>
/// Starts the bridge's <see cref="KioskRequestChannel"/> (the cards of the reports, the Mobile JKN bookings) beside the
/// host: in the background, because the site's broker may not be up yet (a question meanwhile times out and is asked
/// again). Nothing to start when a test put in its own card source and the FKTP service is off.
/// </summary>
internal sealed class KioskCardSourceService(IServiceProvider services, ICardNumberSource source, IOptions<FktpOptions> fktp) : BackgroundService
{
    private KioskRequestChannel? channel;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (source is not KioskCardSource && !fktp.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        channel = services.GetRequiredService<KioskRequestChannel>();
        return channel.StartAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (channel is not null)
        {
            await channel.DisposeAsync();
        }
    }
}
