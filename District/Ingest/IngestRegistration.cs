namespace Kiosk.District.Ingest;

/// <summary>The ingest's services: the durable JetStream consumer that writes PostgreSQL (ingest helper fills this).</summary>
public static class IngestRegistration
{
    public static WebApplicationBuilder AddDistrictIngest(this WebApplicationBuilder builder) => builder;
}
