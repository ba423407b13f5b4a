using System.Buffers;
using System.Text.Json;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// One answer of the FKTP service in BPJS's shape: <c>{"response":{…},"metadata":{"message":"Ok","code":200}}</c>, or
/// for a refusal <c>{"metadata":{"message":"…","code":201}}</c> (the code every SIMPUS implementation of the catalogue
/// answers for a refusal; BPJS reads <c>metadata.code</c>, so the HTTP status stays 200 unless the address or the
/// method is not the service's).
/// </summary>
public sealed record FktpAnswer(int HttpStatus, int Code, string Message, byte[] Body)
{
    public const int OkCode = 200;
    public const int RefusedCode = 201;

    public static FktpAnswer Ok(Action<Utf8JsonWriter>? writeResponse) => Write(200, OkCode, Text.BpjsTeks.FktpOk, writeResponse);

    public static FktpAnswer Refused(string message, int httpStatus = 200) => Write(httpStatus, RefusedCode, message, null);

    private static FktpAnswer Write(int httpStatus, int code, string message, Action<Utf8JsonWriter>? writeResponse)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (writeResponse is not null)
            {
                json.WritePropertyName("response");
                writeResponse(json);
            }

            json.WriteStartObject("metadata");
            json.WriteString("message", message);
            json.WriteNumber("code", code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new FktpAnswer(httpStatus, code, message, buffer.WrittenSpan.ToArray());
    }
}
