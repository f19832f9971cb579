package dev.trafficwizard.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page: user and password, single sign-on when OIDC is configured, demo users on the demo cluster. */
@Controller
class LoginController {

    static final String VIEW = "login";

    private final ObjectProvider<ClientRegistrationRepository> oidc;

    LoginController(ObjectProvider<ClientRegistrationRepository> oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String login(Model model, @RequestParam(name = "throttled", required = false) String throttled) {
        if (throttled != null && throttled.matches("\\d{1,4}")) {
            // the wait the throttle announced on the redirect; digits only, so the message cannot be forged
            model.addAttribute("throttledSeconds", Integer.parseInt(throttled));
        }
        ClientRegistrationRepository registrations = oidc.getIfAvailable();
        if (registrations instanceof Iterable<?> all) {
            for (Object registration : all) {
                model.addAttribute("oidcLogin",
                        "/oauth2/authorization/" + ((ClientRegistration) registration).getRegistrationId());
                break;
            }
        }
        return VIEW;
    }
}
