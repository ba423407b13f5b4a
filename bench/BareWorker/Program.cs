using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The same host builder and console logging as the kiosk, one worker that says READY=1 the way the kiosk does.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<ReadyWorker>();
await builder.Build().RunAsync();

internal sealed class ReadyWorker : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (!string.IsNullOrEmpty(path))
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes("READY=1"), new UnixDomainSocketEndPoint(path));
        }

        return Task.Delay(Timeout.Infinite, stoppingToken);
    }
}
