// Bridgeline on Azure: one Linux App Service plan running the same build twice (ROLE=web serves Teams,
// the tab, the API and webhooks; ROLE=worker runs jobs), an Azure Bot registered single-tenant or with a
// managed identity (new multi-tenant bots are refused by Azure), PostgreSQL Flexible Server, Key Vault
// for every secret, a Storage account for media and Application Insights.
//
// Deployed by `arm/deploy` in teamsapp.yml with infra/azure.parameters.json; or by hand:
//   az deployment group create -g <rg> -f infra/azure.bicep -p @infra/azure.parameters.json (after filling it)
// Every parameter and output is described in docs/admin.md ("Azure resources").

// ── Parameters ──────────────────────────────────────────────────────────────────────────────────

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name, lowercase letters and digits, e.g. bridgelinecontoso.')
param resourceBaseName string

@description('Region of all resources except the bot (global) and, if set apart, PostgreSQL.')
param location string = resourceGroup().location

@description('App Service plan SKU (Linux). B1 for a pilot; P1v3 or larger for production.')
param appServiceSku string = 'B1'

@description('Registration type of the Azure Bot. MultiTenant is not offered: Azure no longer creates new multi-tenant bots.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('SingleTenant: client id of the bot\'s Entra app (BOT_ID). Ignored for UserAssignedMSI.')
param botAadAppClientId string = ''

@description('SingleTenant: client secret of the bot\'s Entra app; stored in Key Vault as BOT-PASSWORD.')
@secure()
param botPassword string = ''

@description('Entra tenant of the bot and of the SSO app.')
param tenantId string = tenant().tenantId

@maxLength(42)
@description('Bot display name shown in Azure.')
param botDisplayName string = 'Bridgeline'

@description('Client id of the Entra app used for tab SSO (AAD_APP_CLIENT_ID).')
param aadAppClientId string

@description('The Teams app id, the manifest\'s id (TEAMS_APP_ID): cards link into the tab with it.')
param teamsAppId string

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'bridgeline'

@description('PostgreSQL administrator password; only ever stored inside the DATABASE-URL secret.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL Flexible Server SKU and tier, e.g. Standard_B1ms/Burstable (pilot), Standard_D2ds_v5/GeneralPurpose.')
param postgresSkuName string = 'Standard_B1ms'
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresTier string = 'Burstable'

@description('PostgreSQL major version.')
param postgresVersion string = '16'

@description('PostgreSQL storage in GiB.')
param postgresStorageGB int = 32

@description('PostgreSQL region, when the main region does not offer Flexible Server.')
param postgresLocation string = location

@description('True once WHATSAPP-ACCESS-TOKEN, WHATSAPP-APP-SECRET and WHATSAPP-VERIFY-TOKEN exist in Key Vault (from the three parameters below or `az keyvault secret set`). False runs the built-in WhatsApp sandbox.')
param whatsappConnected bool = false

@description('Optional: Cloud API system-user token, written to Key Vault when not empty.')
@secure()
param whatsappAccessToken string = ''

@description('Optional: Meta app secret (webhook signatures), written to Key Vault when not empty.')
@secure()
param whatsappAppSecret string = ''

@description('Optional: webhook verify token, written to Key Vault when not empty.')
@secure()
param whatsappVerifyToken string = ''

@description('Ed25519 private key (PEM) that signs the compliance archive\'s checkpoints; the apps refuse to start without it. Make one with: openssl genpkey -algorithm ed25519')
@secure()
param archiveSigningKey string

@description('Default business number: Cloud API phone_number_id, WhatsApp Business Account id, region.')
param whatsappPhoneNumberId string = ''
param whatsappWabaId string = ''
param whatsappRegion string = ''

@description('Templates of the consent and resume flows, as name:language (e.g. bridgeline_opt_in:en).')
param whatsappOptInTemplate string = ''
param whatsappResumeTemplate string = ''

@description('Where Azure Communication Services keeps its data (SMS): United States, Europe, UK, Asia Pacific, …')
param acsDataLocation string = 'United States'

@description('The ?code= of the Event Grid subscription to /api/sms/events (ACS_EVENTS_SECRET, 16+ characters). Make one with: openssl rand -hex 24')
@secure()
param acsEventsSecret string

@description('Subscribe the web app to the SMS events: set true once the code is deployed (Event Grid validates the endpoint when the subscription is created).')
param smsEventsSubscribed bool = false

// ── Names ───────────────────────────────────────────────────────────────────────────────────────

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var keyVaultName = 'kv-${take(resourceBaseName, 14)}-${take(suffix, 6)}'
var storageName = take('st${toLower(resourceBaseName)}${suffix}', 24)
var mediaShare = 'media'
var dataMountPath = '/mounts/data'
var databaseName = 'bridgeline'
var isSingleTenant = botAppType == 'SingleTenant'

// Built-in role definition ids.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// ── Identity, monitoring ────────────────────────────────────────────────────────────────────────

// One user-assigned identity for both apps: it reads Key Vault references and, for UserAssignedMSI,
// is the bot's identity too.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// ── Key Vault and secrets ───────────────────────────────────────────────────────────────────────

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault secret names allow only letters, digits and dashes: WHATSAPP_ACCESS_TOKEN is WHATSAPP-ACCESS-TOKEN.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'DATABASE-URL'
  properties: {
    value: 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (isSingleTenant) {
  parent: vault
  name: 'BOT-PASSWORD'
  properties: {
    value: botPassword
  }
}

resource whatsappAccessTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(whatsappAccessToken)) {
  parent: vault
  name: 'WHATSAPP-ACCESS-TOKEN'
  properties: {
    value: whatsappAccessToken
  }
}

resource whatsappAppSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(whatsappAppSecret)) {
  parent: vault
  name: 'WHATSAPP-APP-SECRET'
  properties: {
    value: whatsappAppSecret
  }
}

resource whatsappVerifyTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(whatsappVerifyToken)) {
  parent: vault
  name: 'WHATSAPP-VERIFY-TOKEN'
  properties: {
    value: whatsappVerifyToken
  }
}

resource archiveSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ARCHIVE-SIGNING-KEY'
  properties: {
    value: archiveSigningKey
  }
}

// ── SMS: Azure Communication Services and its Event Grid events ─────────────────────────────────

resource acs 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: 'acs-${resourceBaseName}'
  location: 'global'
  properties: {
    dataLocation: acsDataLocation
  }
}

resource acsConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ACS-CONNECTION-STRING'
  properties: {
    value: acs.listKeys().primaryConnectionString
  }
}

resource acsEventsSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'ACS-EVENTS-SECRET'
  properties: {
    value: acsEventsSecret
  }
}

resource acsEvents 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'acs-events-${resourceBaseName}'
  location: 'global'
  properties: {
    source: acs.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

// Texts from contacts and delivery reports, pushed to the web app (docs/admin.md, "Connect SMS").
resource smsEventSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (smsEventsSubscribed) {
  parent: acsEvents
  name: 'bridgeline-sms'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${sites[0].properties.defaultHostName}/api/sms/events?code=${acsEventsSecret}'
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Communication.SMSReceived'
        'Microsoft.Communication.SMSDeliveryReportReceived'
      ]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

// ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${resourceBaseName}-pg'
  location: postgresLocation
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageGB
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// The schema uses gen_random_uuid() from pgcrypto; Azure only allows extensions listed here.
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: postgres
  name: 'azure.extensions'
  properties: {
    value: 'PGCRYPTO'
    source: 'user-override'
  }
}

// 0.0.0.0–0.0.0.0 is Azure's notation for "services running in Azure" (the App Service outbound addresses).
// Move to VNet integration and private access for stricter isolation.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// ── Storage for media ───────────────────────────────────────────────────────────────────────────

// Media lives in DATA_DIR; an Azure Files share mounted at the same path in both apps lets the worker
// store what it downloads and the web app serve it.
resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-01-01' = {
  parent: fileService
  name: mediaShare
  properties: {
    shareQuota: 100
  }
}

// ── App Service ─────────────────────────────────────────────────────────────────────────────────

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  } // reserved = Linux
}

// @Microsoft.KeyVault references resolve with the apps' identity (keyVaultReferenceIdentity below).
var kvRef = {
  databaseUrl: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=DATABASE-URL)'
  botPassword: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=BOT-PASSWORD)'
  whatsappAccessToken: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=WHATSAPP-ACCESS-TOKEN)'
  whatsappAppSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=WHATSAPP-APP-SECRET)'
  whatsappVerifyToken: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=WHATSAPP-VERIFY-TOKEN)'
  archiveSigningKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=ARCHIVE-SIGNING-KEY)'
  acsConnectionString: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=ACS-CONNECTION-STRING)'
  acsEventsSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=ACS-EVENTS-SECRET)'
}

var commonSettings = union(
  {
    NODE_ENV: 'production'
    DATA_DIR: dataMountPath
    DATABASE_URL: kvRef.databaseUrl
    AUTH_MODE: 'entra'
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_TENANT_ID: tenantId
    BOT_ID: isSingleTenant ? botAadAppClientId : identity.properties.clientId
    BOT_TENANT_ID: tenantId
    BOT_TYPE: isSingleTenant ? 'SingleTenant' : 'UserAssignedMsi'
    TEAMS_APP_ID: teamsAppId
    ARCHIVE_SIGNING_KEY: kvRef.archiveSigningKey
    SMS_PROVIDER: 'acs'
    ACS_CONNECTION_STRING: kvRef.acsConnectionString
    ACS_EVENTS_SECRET: kvRef.acsEventsSecret
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    // The zip holds the built app and its node_modules: run it as shipped, no build on the server.
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  },
  isSingleTenant ? { BOT_PASSWORD: kvRef.botPassword } : {},
  empty(whatsappPhoneNumberId) ? {} : { WHATSAPP_PHONE_NUMBER_ID: whatsappPhoneNumberId },
  empty(whatsappWabaId) ? {} : { WHATSAPP_WABA_ID: whatsappWabaId },
  empty(whatsappRegion) ? {} : { WHATSAPP_REGION: whatsappRegion },
  empty(whatsappOptInTemplate) ? {} : { WHATSAPP_OPT_IN_TEMPLATE: whatsappOptInTemplate },
  empty(whatsappResumeTemplate) ? {} : { WHATSAPP_RESUME_TEMPLATE: whatsappResumeTemplate },
  // Referencing a secret that does not exist would hand the app the literal "@Microsoft.KeyVault(…)"
  // string as a token; until WhatsApp is connected the app runs its sandbox instead.
  whatsappConnected
    ? {
        WHATSAPP_ACCESS_TOKEN: kvRef.whatsappAccessToken
        WHATSAPP_APP_SECRET: kvRef.whatsappAppSecret
        WHATSAPP_VERIFY_TOKEN: kvRef.whatsappVerifyToken
      }
    : {}
)

var apps = [
  {
    role: 'web'
    healthCheckPath: '/readyz'
  }
  {
    role: 'worker'
    healthCheckPath: '/healthz'
  }
]

resource sites 'Microsoft.Web/sites@2023-01-01' = [
  for app in apps: {
    name: '${resourceBaseName}-${app.role}'
    location: location
    kind: 'app,linux'
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: { '${identity.id}': {} }
    }
    properties: {
      serverFarmId: plan.id
      httpsOnly: true
      keyVaultReferenceIdentity: identity.id
      siteConfig: {
        linuxFxVersion: 'NODE|22-lts'
        appCommandLine: 'node bot/dist/main.js'
        alwaysOn: true
        http20Enabled: true
        minTlsVersion: '1.2'
        ftpsState: 'Disabled'
        healthCheckPath: app.healthCheckPath
      }
    }
    dependsOn: [
      vaultReader
    ]
  }
]

resource siteSettings 'Microsoft.Web/sites/config@2023-01-01' = [
  for (app, i) in apps: {
    parent: sites[i]
    name: 'appsettings'
    properties: union(commonSettings, { ROLE: app.role })
    dependsOn: [
      databaseUrlSecret
      acsConnectionSecret
      acsEventsSecretSecret
      botPasswordSecret
      database
      extensions
    ]
  }
]

// Azure Files mounts need the account key; it stays in the platform's config, never in app settings.
resource siteMounts 'Microsoft.Web/sites/config@2023-01-01' = [
  for i in range(0, length(apps)): {
    parent: sites[i]
    name: 'azurestorageaccounts'
    properties: {
      media: {
        type: 'AzureFiles'
        accountName: storage.name
        shareName: share.name
        mountPath: dataMountPath
        accessKey: storage.listKeys().keys[0].value
      }
    }
  }
]

// ── Azure Bot with the Teams channel ────────────────────────────────────────────────────────────

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  } // Teams is a standard channel: free tier
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${sites[0].properties.defaultHostName}/api/messages'
    msaAppId: isSingleTenant ? botAadAppClientId : identity.properties.clientId
    msaAppType: botAppType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: isSingleTenant ? null : identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ── Outputs (arm/deploy writes each to env/.env.<env> under the same name) ──────────────────────

@description('Host of the web app: the tab domain, bot endpoint host and webhook host.')
output TAB_DOMAIN string = sites[0].properties.defaultHostName
@description('Base URL of the tab (the personal tab loads TAB_ENDPOINT/).')
output TAB_ENDPOINT string = 'https://${sites[0].properties.defaultHostName}'
@description('Bot id as registered: the Entra app (SingleTenant) or the managed identity (UserAssignedMSI).')
output BOT_ID string = isSingleTenant ? botAadAppClientId : identity.properties.clientId
@description('Resource ids used by azureAppService/zipDeploy.')
output AZURE_WEB_APP_RESOURCE_ID string = sites[0].id
output AZURE_WORKER_APP_RESOURCE_ID string = sites[1].id
@description('Where the secrets live and where to add the WhatsApp ones.')
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
@description('Callback URL to enter in the Meta app\'s WhatsApp webhook configuration.')
output WHATSAPP_WEBHOOK_URL string = 'https://${sites[0].properties.defaultHostName}/api/whatsapp/webhook'
