package dev.trafficwizard.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client address the {@link LoginThrottle} counts. Loopback stands for everyone behind a local
 * proxy that sends no forward headers (the Istio sidecar): such requests are not counted per
 * address (only per user name). But Tomcat (forward-headers-strategy=native) takes X-Forwarded-For
 * from any private address, so {@code X-Forwarded-For: 127.0.0.1} from a pod would look like
 * loopback: the exemption holds only when the connection's own peer was loopback and it presented
 * no forward header. {@link PeerValve} records that before Tomcat's RemoteIpValve rewrites the
 * address and drops the header; without it (MockMvc, tests) the request itself is looked at.
 */
final class ClientAddress {

    static final String LOOPBACK_PEER = ClientAddress.class.getName() + ".loopbackPeer";

    private ClientAddress() {
    }

    /** The address to count, null for a direct loopback peer without forward headers. */
    static String counted(HttpServletRequest request) {
        Object recorded = request.getAttribute(LOOPBACK_PEER);
        boolean exempt = recorded instanceof Boolean peer ? peer : loopbackWithoutForwarding(request);
        return exempt ? null : request.getRemoteAddr();
    }

    static boolean loopbackWithoutForwarding(HttpServletRequest request) {
        return loopback(request.getRemoteAddr()) && request.getHeader("X-Forwarded-For") == null
                && request.getHeader("Forwarded") == null;
    }

    static boolean loopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1"));
    }

    /** Form login and Basic: the details carry the counted address along. */
    static final class Details extends WebAuthenticationDetails {

        private final String counted;

        Details(HttpServletRequest request) {
            super(request);
            this.counted = ClientAddress.counted(request);
        }

        String counted() {
            return counted;
        }
    }

    static final AuthenticationDetailsSource<HttpServletRequest, Details> DETAILS = Details::new;

    /** First valve of the engine: sees the connection's peer and headers before RemoteIpValve. */
    static final class PeerValve extends ValveBase {

        PeerValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            request.setAttribute(LOOPBACK_PEER, loopbackWithoutForwarding(request));
            getNext().invoke(request, response);
        }
    }

    /** Puts {@link PeerValve} in front of the engine's valves, after Boot added its RemoteIpValve. */
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> firstValve() {
        return new Customizer();
    }

    private static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            List<Valve> valves = new ArrayList<>();
            valves.add(new PeerValve());
            valves.addAll(factory.getEngineValves());
            factory.setEngineValves(valves);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
