# One image for every Dispatch role; docker-compose.yml picks the role per service.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Dispatch.Gateway/Dispatch.Gateway.csproj -c Release -o /app/gateway \
 && dotnet publish Dispatch.Silo/Dispatch.Silo.csproj -c Release -o /app/silo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app /app
ENV Dispatch__DataFolder=/data
VOLUME /data
