/*
 * Mosquitto plugin (API v5, Mosquitto 2.0): client ids with a reserved prefix belong to one user.
 *
 * Why: MQTT lets a new connection with the same client id take over the old one. Without this plugin any valid login
 * (a display, a loket) that uses the kiosk's client id kicks the kiosk off, fires its "offline" will, and with a clean
 * session erases the commands queued for it. Mosquitto's own options cannot prevent it: dynamic security binds a user
 * to a client id, not a client id to a user, and use_username_as_clientid allows one session per user.
 *
 * Configuration, one line per reserved prefix (Kiosk.Broker.BrokerClientIds writes them):
 *   plugin /opt/kiosk/mosquitto/kiosk-clientid.so
 *   plugin_opt_reserve_kiosk kiosk-        # client ids starting with "kiosk-" only for the user "kiosk"
 *
 * The check runs before the password file's: a refused login never reaches the session takeover. Every other login is
 * passed on (MOSQ_ERR_PLUGIN_DEFER) to the password file, which decides as before.
 */
/* strdup */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

#define OPTION_PREFIX "reserve_"

struct reservation {
	char *prefix;
	size_t prefix_length;
	char *username;
};

static mosquitto_plugin_id_t *plugin_id;
static struct reservation *reservations;
static int reservation_count;

static int on_basic_auth(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_basic_auth *auth = event_data;
	const char *client_id = mosquitto_client_id(auth->client);
	(void)event;
	(void)userdata;

	if(client_id == NULL){
		return MOSQ_ERR_PLUGIN_DEFER;
	}
	for(int i = 0; i < reservation_count; i++){
		if(strncmp(client_id, reservations[i].prefix, reservations[i].prefix_length) != 0){
			continue;
		}
		if(auth->username != NULL && strcmp(auth->username, reservations[i].username) == 0){
			return MOSQ_ERR_PLUGIN_DEFER;
		}
		mosquitto_log_printf(MOSQ_LOG_NOTICE,
				"kiosk-clientid: refused client id '%s' for user '%s': ids starting with '%s' belong to user '%s'",
				client_id, auth->username ? auth->username : "(none)", reservations[i].prefix, reservations[i].username);
		return MOSQ_ERR_AUTH;
	}
	return MOSQ_ERR_PLUGIN_DEFER;
}

static void free_reservations(void)
{
	for(int i = 0; i < reservation_count; i++){
		free(reservations[i].prefix);
		free(reservations[i].username);
	}
	free(reservations);
	reservations = NULL;
	reservation_count = 0;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	for(int i = 0; i < supported_version_count; i++){
		if(supported_versions[i] == 5){
			return 5;
		}
	}
	return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **userdata, struct mosquitto_opt *options, int option_count)
{
	(void)userdata;
	plugin_id = identifier;
	reservations = calloc((size_t)(option_count > 0 ? option_count : 1), sizeof(struct reservation));
	if(reservations == NULL){
		return MOSQ_ERR_NOMEM;
	}
	for(int i = 0; i < option_count; i++){
		const char *key = options[i].key;
		const char *value = options[i].value;
		if(strncmp(key, OPTION_PREFIX, strlen(OPTION_PREFIX)) != 0){
			mosquitto_log_printf(MOSQ_LOG_ERR, "kiosk-clientid: unknown option 'plugin_opt_%s'", key);
			free_reservations();
			return MOSQ_ERR_INVAL;
		}
		const char *username = key + strlen(OPTION_PREFIX);
		if(username[0] == '\0' || value == NULL || value[0] == '\0'){
			mosquitto_log_printf(MOSQ_LOG_ERR, "kiosk-clientid: 'plugin_opt_%s' needs a user name and a client id prefix", key);
			free_reservations();
			return MOSQ_ERR_INVAL;
		}
		reservations[reservation_count].prefix = strdup(value);
		reservations[reservation_count].prefix_length = strlen(value);
		reservations[reservation_count].username = strdup(username);
		reservation_count++;
		if(reservations[reservation_count - 1].prefix == NULL || reservations[reservation_count - 1].username == NULL){
			free_reservations();
			return MOSQ_ERR_NOMEM;
		}
		mosquitto_log_printf(MOSQ_LOG_INFO, "kiosk-clientid: client ids starting with '%s' belong to user '%s'", value, username);
	}
	return mosquitto_callback_register(plugin_id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL, NULL);
}

int mosquitto_plugin_cleanup(void *userdata, struct mosquitto_opt *options, int option_count)
{
	(void)userdata;
	(void)options;
	(void)option_count;
	mosquitto_callback_unregister(plugin_id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL);
	free_reservations();
	return MOSQ_ERR_SUCCESS;
}
