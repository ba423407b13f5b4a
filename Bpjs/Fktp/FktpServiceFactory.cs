using Kiosk.Bpjs.Booking;
using Kiosk.Bpjs.Configuration;
using Kiosk.Bpjs.References;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// Makes the <see cref="FktpService"/> when the server starts, not before: its kiosk channel (an MQTT connection) and
/// its token key exist only while the service is on.
/// </summary>
public sealed class FktpServiceFactory(IServiceProvider services)
{
    public FktpService Create()
    {
        var settings = services.GetRequiredService<IOptions<FktpOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var channel = services.GetRequiredService<KioskRequestChannel>();
        var kiosk = new KioskBookings(channel, TimeSpan.FromSeconds(settings.KioskTimeoutSeconds), services.GetRequiredService<ILogger<KioskBookings>>());
        var references = services.GetRequiredService<BpjsReferences>();
        var poli = new FktpPoli(services.GetRequiredService<IOptions<BpjsOptions>>().Value.PoliByService(), () => references.Current);
        return new FktpService(
            settings, new FktpTokens(TimeSpan.FromMinutes(settings.TokenMinutes), time), poli, kiosk,
            services.GetRequiredService<MobileJknBookings>(), services.GetRequiredService<ILogger<FktpService>>());
    }
}
