// Builds the link that LinkSettings describe. The caller owns the result.
#pragma once
#include "comms/link.h"
#include "comms/link_settings.h"

#include <memory>

namespace rudebot {

std::unique_ptr<Link> createLink(const LinkSettings &settings, QObject *parent = nullptr);

}  // namespace rudebot
